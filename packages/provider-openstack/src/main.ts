import { runProviderMain } from '@capi-ts/sdk';
import { createManager } from './manager.js';

// Entry point of the provider's container: parse the flags, run the manager until SIGTERM.
void runProviderMain(createManager);
