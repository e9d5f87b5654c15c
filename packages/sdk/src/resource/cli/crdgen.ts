import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type CustomResourceDefinition, isCustomResourceDefinition } from '../crd-types.js';
import { CrdDriftError, writeCrds } from '../write-crds.js';

const USAGE = 'usage: crdgen --from <module.ts> [--from <module.ts> ...] --out <dir> [--check] [--prune]';

/** Where {@link runCrdgen} reports; `process.stdout`/`process.stderr` by default. */
export interface CrdgenOutput {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/**
 * The `crdgen` command: imports each `--from` module, collects every exported CustomResourceDefinition (also
 * inside exported arrays), and writes them to `--out` with `writeCrds()`; `--check` compares instead and fails
 * listing the files that differ; `--prune` deletes stale files when writing. Returns the exit code.
 *
 * Run it with tsx from a provider package, e.g.
 * `tsx ../sdk/src/resource/cli/crdgen.ts --from src/api/crds.ts --out config/crd/bases --check`.
 */
export async function runCrdgen(
  argv: string[],
  output: CrdgenOutput = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let values: { from?: string[]; out?: string; check?: boolean; prune?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string', multiple: true },
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    output.err.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.from?.length || !values.out) {
    output.err.write(`${USAGE}\n`);
    return 2;
  }
  const crds: CustomResourceDefinition[] = [];
  try {
    for (const module of values.from) crds.push(...(await collectCrds(module)));
  } catch (err) {
    output.err.write(`cannot load the CRDs: ${(err as Error).message}\n`);
    return 1;
  }
  if (crds.length === 0) {
    output.err.write(`no CustomResourceDefinition is exported by ${values.from.join(', ')}\n`);
    return 1;
  }
  try {
    const result = await writeCrds(values.out, crds, { check: values.check, prune: values.prune });
    const verb = values.check ? 'up to date' : `written (${result.changed.length} changed)`;
    output.out.write(`${result.files.length} CRD file(s) ${verb} in ${path.resolve(values.out)}\n`);
    if (!values.check && !values.prune && result.stale.length > 0) {
      output.err.write(`stale files (use --prune to delete):\n${result.stale.map((f) => `  ${f}`).join('\n')}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof CrdDriftError)) throw err;
    output.err.write(`${err.message}\n`);
    return 1;
  }
}

/** Imports a module and returns the CRDs it exports (directly or in arrays), ordered by name. */
export async function collectCrds(modulePath: string): Promise<CustomResourceDefinition[]> {
  const exports = (await import(pathToFileURL(path.resolve(modulePath)).href)) as Record<string, unknown>;
  const found = new Map<string, CustomResourceDefinition>();
  for (const value of Object.values(exports)) {
    for (const candidate of Array.isArray(value) ? value : [value]) {
      if (isCustomResourceDefinition(candidate)) found.set(candidate.metadata.name, candidate);
    }
  }
  return [...found.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/** True when this file is the script being run (also through a symlink, as in `node_modules`). */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await runCrdgen(process.argv.slice(2));
}
