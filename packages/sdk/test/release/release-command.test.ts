import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildMetadata, type ReleaseCommandOptions, runReleaseCommand } from '../../src/release/index.js';
import { sampleSpec } from './sample-provider.js';

let dir: string;
let printed: string;
const options = (args: string[], version = '0.1.3'): ReleaseCommandOptions => {
  const packageJson = path.join(dir, 'package.json');
  writeFileSync(packageJson, JSON.stringify({ name: 'sample', version }));
  return {
    provider: sampleSpec.provider,
    packageJson: pathToFileURL(packageJson),
    components: (v) => ({ ...sampleSpec, image: `registry.example.com/capx-manager:${v}` }),
    metadata: buildMetadata({ releaseSeries: [{ major: 0, minor: 1, contract: 'v1beta2' }] }),
    args,
    output: { write: (text: string) => (printed += text) },
  };
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'release-command-'));
  printed = '';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runReleaseCommand', () => {
  it('writes the components and metadata of the package version into --out and says where', async () => {
    const out = path.join(dir, 'repo');
    const entry = await runReleaseCommand(options(['--out', out]));
    expect(entry.directory).toBe(path.join(out, 'infrastructure-sample', 'v0.1.3'));
    expect(readdirSync(entry.directory).sort()).toEqual(['infrastructure-components.yaml', 'metadata.yaml']);
    const objects = parseAllDocuments(readFileSync(entry.componentsPath, 'utf8')).map((d) => d.toJS());
    const deployment = objects.find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.example.com/capx-manager:v0.1.3');
    expect(printed).toBe(`infrastructure-components.yaml, metadata.yaml written to ${entry.directory}\n`);
  });

  it('takes the version from --version, and rejects one outside the release series', async () => {
    const out = path.join(dir, 'repo');
    const entry = await runReleaseCommand(options(['--out', out, '--version', 'v0.1.9-rc.1']));
    expect(entry.version).toBe('v0.1.9-rc.1');
    await expect(runReleaseCommand(options(['--out', out, '--version', 'v0.2.0']))).rejects.toThrow(
      /does not match any release series/,
    );
  });

  it('rejects an unknown flag', async () => {
    await expect(runReleaseCommand(options(['--outdir', dir]))).rejects.toThrow(/outdir/);
  });
});
