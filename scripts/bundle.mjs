// Bundles each provider's manager (packages/<name>/src/main.ts) into one file with esbuild, as its container image
// runs it:
//
//   node scripts/bundle.mjs                       every package that has src/main.ts
//   node scripts/bundle.mjs packages/<name> ...   only these
//
// Output, per package: dist/bundle/main.js (the manager and all its dependencies, no node_modules needed) and
// dist/bundle/package.json (name and version, which `--version` prints, and "type": "module"). Prints one line per
// bundle.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Package folders to bundle: the arguments, or every package with an entry point. */
function packagesToBundle(args) {
  if (args.length > 0) return args.map((arg) => path.resolve(arg));
  const root = path.join(repo, 'packages');
  return readdirSync(root)
    .map((name) => path.join(root, name))
    .filter((dir) => existsSync(path.join(dir, 'src', 'main.ts')))
    .sort();
}

async function bundle(dir) {
  const entry = path.join(dir, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`${path.relative(repo, dir)} has no src/main.ts to bundle`);
  const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const out = path.join(dir, 'dist', 'bundle');
  // Built aside and then renamed file by file, so that a bundle being run (tests bundle concurrently) is never seen
  // missing or half written.
  const staging = path.join(dir, 'dist', `.bundle-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: path.join(staging, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Workspace packages are bundled from their TypeScript sources, as the tests run them.
    conditions: ['source'],
    // CommonJS dependencies call require() for Node's built-in modules; an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ name, version, type: 'module', private: true }, null, 2)}\n`,
  );
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(staging)) renameSync(path.join(staging, file), path.join(out, file));
  rmSync(staging, { recursive: true, force: true });
  return path.join(out, 'main.js');
}

for (const dir of packagesToBundle(process.argv.slice(2))) {
  const file = await bundle(dir);
  process.stdout.write(`${path.relative(repo, file)}\n`);
}
