import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, builtin, KubeClient, type KubeObject } from '../../src/index.js';
import {
  applyManifestFile,
  createAsWritten,
  type ManifestTarget,
  parseManifests,
  readManifestFile,
  startTestEnvironment,
  type TestEnvironment,
} from '../../src/testing/index.js';

let env: TestEnvironment;
let target: ManifestTarget;
let dir: string;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [] });
  target = {
    client: new KubeClient(env.kubeConfig),
    types: [builtin.configMap, builtin.namespace],
    namespace: 'default',
  };
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
});
afterAll(async () => {
  await env?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function manifestFile(name: string, yaml: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

describe('parseManifests', () => {
  it('parses every document of a YAML text and skips empty ones', () => {
    expect(parseManifests('kind: A\n---\n---\nkind: B\n').map((o) => o.kind)).toEqual(['A', 'B']);
  });

  it('names the source of a YAML error', () => {
    expect(() => parseManifests('kind: [unclosed\n', 'cluster-template.yaml')).toThrow(/^cluster-template\.yaml: /);
  });
});

describe('readManifestFile', () => {
  it('reads every document and skips empty ones', () => {
    const file = manifestFile('two.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\nkind: X\n');
    expect(readManifestFile(file).map((o) => o.kind)).toEqual(['Namespace', 'X']);
  });

  it('says which file is not YAML', () => {
    const file = manifestFile('broken.yaml', 'kind: [unclosed\n');
    expect(() => readManifestFile(file)).toThrow(/broken\.yaml/);
  });
});

describe('applyManifestFile', () => {
  it('creates the objects as written, namespaced ones in the target namespace', async () => {
    const file = manifestFile(
      'good.yaml',
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: as-written, labels: {a: b}}',
        'data: {key: value}',
        '---',
        'apiVersion: v1',
        'kind: Namespace',
        'metadata: {name: applied-namespace}',
      ].join('\n'),
    );
    const applied = await applyManifestFile(target, file);
    const [configMap, namespace] = applied.map((a) => a.stored as KubeObject & { data?: unknown });
    expect(configMap?.metadata).toMatchObject({ name: 'as-written', namespace: 'default', labels: { a: 'b' } });
    expect(configMap?.data).toEqual({ key: 'value' });
    expect(namespace?.metadata.name).toBe('applied-namespace');
    expect(namespace?.metadata.namespace).toBeUndefined();
  });

  it('hands back the API server rejection instead of throwing', async () => {
    const file = manifestFile('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Not_A_Name}\n');
    const [rejected] = await applyManifestFile(target, file);
    expect(rejected?.stored).toBeInstanceOf(ApiError);
    const error = rejected?.stored as ApiError;
    expect(error.code).toBe(422);
    expect(error.message).toContain('Not_A_Name');
  });

  it('refuses a kind it was not given', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } as KubeObject;
    await expect(createAsWritten(target, secret)).rejects.toThrow(/no resource type for v1 Secret/);
  });
});
