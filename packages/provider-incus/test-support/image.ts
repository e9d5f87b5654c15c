import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IncusClient } from '../src/incus/client.js';
import { incusScriptsDirectory } from './paths.js';
import { runProgram } from './run.js';

/** Alias of the base image built by scripts/incus/build-image.sh. */
export const baseCloudImageAlias = process.env.CAPI_TS_BASE_ALIAS ?? 'capi-ts/debian-bookworm-cloud';

/** A file baked into a derived image (owned by root). */
export interface ExtraFile {
  /** Absolute path inside the container. */
  path: string;
  content: string | Buffer;
  /** Permission bits; default 0o644. */
  mode?: number;
}

/** A local image ready for `source: { type: 'image', alias }`. */
export interface CloudImage {
  alias: string;
  fingerprint: string;
}

/** Options of {@link ensureCloudImage}. */
export interface CloudImageOptions {
  /** Files added on top of the base image; the derived image is cached by their content. */
  extraFiles?: readonly ExtraFile[];
  /** Limit for a build; default 15 minutes (a first base build debootstraps Debian). */
  timeoutMs?: number;
}

/**
 * Ensures the Debian bookworm cloud-init image exists in the local image store, building it with
 * scripts/incus/build-image.sh when it is missing or its recipe changed (seconds when cached). With
 * `extraFiles`, returns a derived image that also contains them, aliased by a hash of their content.
 * Instances from these images read `cloud-init.user-data` (and `user.user-data`) through NoCloud.
 */
export async function ensureCloudImage(client: IncusClient, options: CloudImageOptions = {}): Promise<CloudImage> {
  const script = join(incusScriptsDirectory, 'build-image.sh');
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const extraFiles = options.extraFiles ?? [];
  let alias = baseCloudImageAlias;
  if (extraFiles.length === 0) {
    await runProgram('bash', [script], timeoutMs);
  } else {
    alias = `${baseCloudImageAlias}-${extraFilesHash(extraFiles)}`;
    const overlay = await mkdtemp(join(tmpdir(), 'capi-ts-image-'));
    try {
      for (const file of extraFiles) {
        const target = join(overlay, file.path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content);
        await chmod(target, file.mode ?? 0o644);
      }
      await runProgram('bash', [script, '--derive', alias, '--overlay', overlay], timeoutMs);
    } finally {
      await rm(overlay, { recursive: true, force: true });
    }
  }
  const found = await client.images.getAlias(alias);
  return { alias, fingerprint: found.target };
}

function extraFilesHash(files: readonly ExtraFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!file.path.startsWith('/')) throw new Error(`extra file path ${file.path} must be absolute`);
    hash
      .update(`${file.path}\0${(file.mode ?? 0o644).toString(8)}\0`)
      .update(file.content)
      .update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
