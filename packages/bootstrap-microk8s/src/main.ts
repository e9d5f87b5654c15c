import { runProviderMain } from '@capi-ts/sdk';
import { createManager, parseFlags } from './manager.js';

// Entry point of the provider's container: parse the flags, run the manager until SIGTERM.
void runProviderMain((argv) => createManager(parseFlags(argv)));
