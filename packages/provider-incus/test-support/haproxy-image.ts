import { join } from 'node:path';
import type { IncusClient } from '../src/incus/client.js';
import type { CloudImage } from './image.js';
import { incusScriptsDirectory } from './paths.js';
import { runProgram } from './run.js';

/**
 * Ensures the haproxy test image (the base cloud image plus Debian's haproxy, `haproxy.service` enabled, a
 * configuration without backends) exists, building it with scripts/incus/build-haproxy-image.sh (about 20 s the
 * first time, then cached by content). It stands in for CAPN's `haproxy` image of the `lxc` load balancer.
 */
export async function ensureHaproxyImage(client: IncusClient, timeoutMs = 15 * 60_000): Promise<CloudImage> {
  const output = await runProgram('bash', [join(incusScriptsDirectory, 'build-haproxy-image.sh')], timeoutMs);
  const alias = `${process.env.CAPI_TS_BASE_ALIAS ?? 'capi-ts/debian-bookworm-cloud'}-haproxy`;
  const found = await client.images.getAlias(alias).catch((error: unknown) => {
    throw new Error(`haproxy image ${alias} missing after the build: ${(error as Error).message}\n${output}`);
  });
  return { alias, fingerprint: found.target };
}
