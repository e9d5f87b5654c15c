import { FlagError } from '@capi-ts/sdk';
import { createManager } from './manager.js';

/** Entry point of the provider's container: parse the flags, run the manager until SIGTERM. */
async function main(): Promise<void> {
  await createManager(process.argv.slice(2)).runUntilSignal();
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad flags); stderr is the only channel left.
  process.stderr.write(`${err instanceof FlagError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exitCode = 1;
});
