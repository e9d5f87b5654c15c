import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomResourceDefinition } from './crd-types.js';
import { crdFileName, renderCrdYaml } from './crd-yaml.js';

/** How {@link writeCrds} treats the output folder. */
export interface WriteCrdsOptions {
  /** Compare instead of writing; throw a {@link CrdDriftError} when anything differs. */
  check?: boolean;
  /** When writing, also delete the stale `*.yaml` files in the folder (files no given CRD produces). */
  prune?: boolean;
}

/** What {@link writeCrds} found and did. */
export interface WriteCrdsResult {
  /** Every file the CRDs map to, absolute. */
  files: string[];
  /** Files that were missing or different: written, or (with `check`) found to differ. */
  changed: string[];
  /** `*.yaml` files in the folder that no given CRD produces (deleted when `prune` is set). */
  stale: string[];
}

/** The generated CRDs and the files on disk differ; `changed` and `stale` list the files. */
export class CrdDriftError extends Error {
  override readonly name = 'CrdDriftError';

  constructor(
    readonly changed: string[],
    readonly stale: string[],
  ) {
    const lines = [...changed.map((file) => `  differs: ${file}`), ...stale.map((file) => `  stale:   ${file}`)];
    super(`generated CRDs are out of date; regenerate them:\n${lines.join('\n')}`);
  }
}

/**
 * Writes each CRD to `<outDir>/<group>_<plural>.yaml` (see `renderCrdYaml`), touching only files whose content
 * changes. With `check: true` nothing is written: the files are compared with what would be generated, and a
 * {@link CrdDriftError} lists the files that differ or are missing, and the stale ones. A provider wires both
 * into its package scripts, and CI runs the check:
 *
 * ```json
 * "crds:generate": "tsx ../sdk/src/resource/cli/crdgen.ts --from src/api/crds.ts --out config/crd/bases",
 * "crds:check": "tsx ../sdk/src/resource/cli/crdgen.ts --from src/api/crds.ts --out config/crd/bases --check"
 * ```
 */
export async function writeCrds(
  outDir: string,
  crds: CustomResourceDefinition[],
  options: WriteCrdsOptions = {},
): Promise<WriteCrdsResult> {
  const dir = path.resolve(outDir);
  const wanted = new Map<string, string>();
  for (const crd of crds) {
    const file = path.join(dir, crdFileName(crd));
    if (wanted.has(file)) throw new Error(`two CRDs map to the same file ${file}`);
    wanted.set(file, renderCrdYaml(crd));
  }
  const existing = await yamlFilesIn(dir);
  const stale = existing.filter((file) => !wanted.has(file)).sort();
  const changed: string[] = [];
  for (const [file, content] of wanted) {
    if ((await readIfExists(file)) !== content) changed.push(file);
  }
  changed.sort();
  if (options.check) {
    if (changed.length > 0 || stale.length > 0) throw new CrdDriftError(changed, stale);
  } else {
    await mkdir(dir, { recursive: true });
    for (const file of changed) await writeFile(file, wanted.get(file) ?? '');
    if (options.prune) for (const file of stale) await rm(file);
  }
  return { files: [...wanted.keys()].sort(), changed, stale };
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => path.join(dir, e.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
