import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerInfo } from '../src/incus/api/server.js';
import { IncusClient } from '../src/incus/client.js';
import { defaultIncusSocketPath } from '../src/incus/connection.js';
import { incusScriptsDirectory } from './paths.js';
import { runProgram } from './run.js';

/** A reachable, trusted local daemon. */
export interface IncusAvailable {
  available: true;
  client: IncusClient;
  server: ServerInfo;
}

/** Why no daemon can be used here; tests skip with this reason. */
export interface IncusUnavailable {
  available: false;
  reason: string;
}

/** Result of {@link ensureIncus}. */
export type IncusAvailability = IncusAvailable | IncusUnavailable;

let availability: Promise<IncusAvailability> | undefined;

/**
 * Connects to the local Incus daemon over its unix socket, starting it first (through
 * `scripts/incus/setup.sh --no-image`) when Incus is installed but not answering. Never throws: when
 * Incus cannot run here the result says why, so callers can `describe.skipIf(!incus.available)`.
 * Set `CAPI_TS_SKIP_INCUS=1` to skip on purpose. The result is shared by all callers of a process.
 */
export function ensureIncus(): Promise<IncusAvailability> {
  availability ??= probe();
  return availability;
}

async function probe(): Promise<IncusAvailability> {
  if (process.env.CAPI_TS_SKIP_INCUS === '1') return unavailable('CAPI_TS_SKIP_INCUS=1');
  const socketPath = process.env.INCUS_SOCKET ?? defaultIncusSocketPath;
  let connected = await connect(socketPath);
  if (typeof connected === 'string') {
    if (!(await isExecutable('/usr/bin/incus'))) {
      return unavailable(`Incus is not installed; run scripts/incus/setup.sh as root (${connected})`);
    }
    if (process.getuid?.() !== 0)
      return unavailable(`the Incus daemon is not reachable and this is not root (${connected})`);
    try {
      await runProgram('bash', [join(incusScriptsDirectory, 'setup.sh'), '--no-image'], 120_000);
    } catch (error) {
      return unavailable(`scripts/incus/setup.sh could not start the daemon: ${(error as Error).message}`);
    }
    connected = await connect(socketPath);
    if (typeof connected === 'string') return unavailable(connected);
  }
  return connected;
}

async function connect(socketPath: string): Promise<IncusAvailable | string> {
  const client = new IncusClient({ endpoint: { kind: 'unix', socketPath } });
  try {
    const server = await client.getServer(AbortSignal.timeout(10_000));
    if (server.auth !== 'trusted') {
      client.close();
      return `the Incus socket ${socketPath} does not trust this user`;
    }
    return { available: true, client, server };
  } catch (error) {
    client.close();
    return `no Incus daemon on ${socketPath}: ${(error as Error).message}`;
  }
}

function unavailable(reason: string): IncusUnavailable {
  return { available: false, reason: `Incus tests skipped: ${reason}` };
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
