import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { providerPackages, REPOSITORY_ROOT } from '../src/workspace.js';

// Container images cannot be built here (no Docker), so what each image runs is tested instead: the bundle that
// scripts/bundle.mjs makes and the Dockerfile copies.
const withEntryPoint = providerPackages().filter((p) => p.hasEntryPoint);
const bundleOf = (directory: string) => path.join(directory, 'dist', 'bundle', 'main.js');

describe('provider bundles and Dockerfiles', () => {
  beforeAll(async () => {
    await run('node', ['scripts/bundle.mjs', ...withEntryPoint.map((p) => p.directory)], {
      cwd: REPOSITORY_ROOT,
      timeoutMs: 240_000,
    });
  }, 240_000);

  it('bundles every provider that has a manager entry point', () => {
    expect(withEntryPoint.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@capi-ts/bootstrap-microk8s',
        '@capi-ts/controlplane-kamaji',
        '@capi-ts/controlplane-microk8s',
        '@capi-ts/provider-openstack',
      ]),
    );
  });

  it.each(withEntryPoint.map((p) => [p.name, p] as const))(
    '%s answers --version and --help and exits 0',
    async (_, pkg) => {
      // Run from an empty working folder with no node_modules around: the bundle must be self-contained.
      const options = { cwd: path.dirname(bundleOf(pkg.directory)), env: { PATH: process.env.PATH ?? '' } };
      const version = await run('node', [bundleOf(pkg.directory), '--version'], options);
      expect(version.stdout).toBe(`${pkg.name} v${pkg.version}\n`);
      const help = await run('node', [bundleOf(pkg.directory), '--help'], options);
      expect(help.stdout).toMatch(/^Usage: \S+ \[flags\]\n/);
      expect(help.stdout).toContain('--leader-elect');
    },
  );

  it.each(withEntryPoint.map((p) => [p.name, p] as const))(
    '%s refuses an unknown flag with a message and exit code 1',
    async (_, pkg) => {
      await expect(run('node', [bundleOf(pkg.directory), '--no-such-flag'])).rejects.toMatchObject({
        exitCode: 1,
        message: expect.stringContaining('unknown flag --no-such-flag'),
      });
    },
  );

  it.each(withEntryPoint.map((p) => [p.name, p] as const))(
    '%s has a multi-stage, non-root Dockerfile that runs its bundle',
    (_, pkg) => {
      const folder = path.relative(REPOSITORY_ROOT, pkg.directory);
      const dockerfile = readFileSync(path.join(pkg.directory, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
      expect(dockerfile).toContain(`node scripts/bundle.mjs ${folder}`);
      expect(dockerfile).toContain(`COPY --from=build /src/${folder}/dist/bundle/main.js`);
      expect(dockerfile).toMatch(/^USER 65532:65532$/m);
      expect(dockerfile).toMatch(/^ENTRYPOINT \[.*"\/app\/main\.js"\]$/m);
    },
  );
});
