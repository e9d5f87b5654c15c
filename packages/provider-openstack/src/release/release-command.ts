import { writeRelease } from './write-release.js';

// `pnpm release [--out <dir>] [--version vX.Y.Z]`: see writeRelease.

const entry = await writeRelease(process.argv.slice(2));
process.stdout.write(`${entry.files.join(', ')} written to ${entry.directory}\n`);
