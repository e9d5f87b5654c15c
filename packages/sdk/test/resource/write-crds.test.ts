import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { collectCrds, runCrdgen } from '../../src/resource/cli/crdgen.js';
import {
  CrdDriftError,
  crdFileName,
  defineCustomResourceDefinition,
  defineResource,
  renderCrdYaml,
  writeCrds,
} from '../../src/resource/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'crds.ts');
const tsx = path.resolve(here, '../../../../node_modules/.bin/tsx');

function crdFor(kind: string, description = 'A kind.') {
  return defineCustomResourceDefinition({
    versions: [
      defineResource({
        group: 'example.capi-ts.dev',
        version: 'v1',
        kind,
        plural: `${kind.toLowerCase()}s`,
        scope: 'Namespaced',
        description,
        spec: z.object({ zeta: z.string().optional(), alpha: z.int32().default(2) }),
      }),
    ],
  });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    output: { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) } },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('renderCrdYaml', () => {
  it('renders a document with sorted keys, unindented lists, and names the file <group>_<plural>.yaml', () => {
    const crd = crdFor('Widget');
    const yaml = renderCrdYaml(crd);
    expect(yaml.startsWith('---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n')).toBe(true);
    expect(yaml.indexOf('alpha:')).toBeLessThan(yaml.indexOf('zeta:'));
    expect(yaml).toContain('\n  versions:\n  - name: v1\n');
    expect(crdFileName(crd)).toBe('example.capi-ts.dev_widgets.yaml');
  });

  it('round-trips through a YAML 1.1 reader for any description and enum values', () => {
    fc.assert(
      fc.property(fc.string(), fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1 }), (text, values) => {
        const crd = defineCustomResourceDefinition({
          versions: [
            defineResource({
              group: 'example.capi-ts.dev',
              version: 'v1',
              kind: 'Widget',
              plural: 'widgets',
              scope: 'Namespaced',
              description: text,
              spec: z.object({ mode: z.enum(values as [string, ...string[]]).describe(text) }),
            }),
          ],
        });
        const yaml = renderCrdYaml(crd);
        expect(parse(yaml, { version: '1.1' })).toEqual(JSON.parse(JSON.stringify(crd)));
        expect(renderCrdYaml(structuredClone(crd))).toBe(yaml);
      }),
      { numRuns: 60 },
    );
  });

  it('quotes strings a YAML 1.1 reader would take for other types', () => {
    const yaml = renderCrdYaml(crdFor('Widget', 'yes'));
    expect(yaml).toContain('description: "yes"');
  });
});

describe('writeCrds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crdgen-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the files, then reports nothing to do, and check passes', async () => {
    const out = path.join(dir, 'config', 'crd', 'bases');
    const crds = [crdFor('Widget'), crdFor('Gadget')];
    const first = await writeCrds(out, crds);
    expect(first.changed.map((f) => path.basename(f))).toEqual([
      'example.capi-ts.dev_gadgets.yaml',
      'example.capi-ts.dev_widgets.yaml',
    ]);
    expect(readFileSync(path.join(out, 'example.capi-ts.dev_widgets.yaml'), 'utf8')).toBe(renderCrdYaml(crds[0]!));
    expect((await writeCrds(out, crds)).changed).toEqual([]);
    await expect(writeCrds(out, crds, { check: true })).resolves.toMatchObject({ changed: [], stale: [] });
  });

  it('check detects a modified, a missing and a stale file and writes nothing', async () => {
    const crds = [crdFor('Widget'), crdFor('Gadget')];
    await writeCrds(dir, crds);
    const widgets = path.join(dir, 'example.capi-ts.dev_widgets.yaml');
    const gadgets = path.join(dir, 'example.capi-ts.dev_gadgets.yaml');
    writeFileSync(widgets, readFileSync(widgets, 'utf8').replace('A kind.', 'Edited by hand.'));
    rmSync(gadgets);
    writeFileSync(path.join(dir, 'example.capi-ts.dev_olds.yaml'), '---\n');

    const err = await writeCrds(dir, crds, { check: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrdDriftError);
    const drift = err as CrdDriftError;
    expect(drift.changed).toEqual([gadgets, widgets]);
    expect(drift.stale).toEqual([path.join(dir, 'example.capi-ts.dev_olds.yaml')]);
    expect(drift.message).toContain(`differs: ${widgets}`);
    expect(readdirSync(dir).sort()).toEqual(['example.capi-ts.dev_olds.yaml', 'example.capi-ts.dev_widgets.yaml']);

    const fixed = await writeCrds(dir, crds, { prune: true });
    expect(fixed.changed).toEqual([gadgets, widgets]);
    expect(readdirSync(dir).sort()).toEqual(['example.capi-ts.dev_gadgets.yaml', 'example.capi-ts.dev_widgets.yaml']);
    await expect(writeCrds(dir, crds, { check: true })).resolves.toBeDefined();
  });

  it('check detects a change of the schema', async () => {
    await writeCrds(dir, [crdFor('Widget')]);
    const err = await writeCrds(dir, [crdFor('Widget', 'Now described differently.')], { check: true }).catch(
      (e: unknown) => e,
    );
    expect((err as CrdDriftError).changed).toEqual([path.join(dir, 'example.capi-ts.dev_widgets.yaml')]);
  });

  it('rejects two CRDs that map to the same file', async () => {
    await expect(writeCrds(dir, [crdFor('Widget'), crdFor('Widget')])).rejects.toThrow('same file');
  });
});

describe('crdgen command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crdgen-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('collects the CRDs a module exports, directly or in arrays', async () => {
    const crds = await collectCrds(fixture);
    expect(crds.map((c) => c.metadata.name)).toEqual(['gadgets.example.capi-ts.dev', 'gizmos.example.capi-ts.dev']);
  });

  it('writes, then checks, then fails the check after an edit', async () => {
    const write = capture();
    expect(await runCrdgen(['--from', fixture, '--out', dir], write.output)).toBe(0);
    expect(write.out()).toContain('2 CRD file(s) written (2 changed)');

    const check = capture();
    expect(await runCrdgen(['--from', fixture, '--out', dir, '--check'], check.output)).toBe(0);
    expect(check.out()).toContain('2 CRD file(s) up to date');

    writeFileSync(path.join(dir, 'example.capi-ts.dev_gizmos.yaml'), 'edited\n');
    const failed = capture();
    expect(await runCrdgen(['--from', fixture, '--out', dir, '--check'], failed.output)).toBe(1);
    expect(failed.err()).toContain('differs:');
    expect(failed.err()).toContain('example.capi-ts.dev_gizmos.yaml');
  });

  it('reports a module whose schemas cannot become CRDs', async () => {
    const run = capture();
    expect(await runCrdgen(['--from', path.join(here, 'fixtures', 'broken-crds.ts'), '--out', dir], run.output)).toBe(
      1,
    );
    expect(run.err()).toContain('cannot load the CRDs: .spec.when: Date cannot be represented in JSON Schema');
  });

  it('prints usage for missing arguments', async () => {
    const run = capture();
    expect(await runCrdgen(['--out', dir], run.output)).toBe(2);
    expect(run.err()).toContain('usage: crdgen');
  });

  it('runs as a script under tsx, also through a symlink, and exits non-zero on drift', async () => {
    const run = promisify(execFile);
    const linkedSources = path.join(dir, 'linked-sdk-src');
    symlinkSync(path.resolve(here, '../../src'), linkedSources);
    const crdgenScript = path.join(linkedSources, 'resource', 'cli', 'crdgen.ts');
    const out = path.join(dir, 'out');
    await run(tsx, [crdgenScript, '--from', fixture, '--out', out]);
    expect(readdirSync(out).sort()).toEqual(['example.capi-ts.dev_gadgets.yaml', 'example.capi-ts.dev_gizmos.yaml']);
    rmSync(path.join(out, 'example.capi-ts.dev_gadgets.yaml'));
    const err = await run(tsx, [crdgenScript, '--from', fixture, '--out', out, '--check']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain('example.capi-ts.dev_gadgets.yaml');
  });
});
