import { readdirSync, readFileSync } from 'node:fs';
import { ApiError, KubeClient, type KubeObject, type ResourceDefinition } from '@capi-ts/sdk';
import { startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodType } from 'zod';
import { kubeadmConfigCrd, kubeadmConfigTemplateCrd } from '../../src/api/crds.js';
import { KubeadmConfig, KubeadmConfigTemplate } from '../../src/api/v1beta2/index.js';

const ns = 'default';
let env: TestEnvironment;
let client: KubeClient;
const crdDir = new URL('../../config/crd/bases/', import.meta.url).pathname;
const manifestDir = new URL('../fixtures/manifests/', import.meta.url).pathname;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [crdDir] });
  client = new KubeClient(env.kubeConfig);
});
afterAll(async () => {
  await env?.stop();
});

const typeOf = (object: KubeObject): ResourceDefinition<ZodType, ZodType> =>
  (object.kind === 'KubeadmConfig' ? KubeadmConfig : KubeadmConfigTemplate) as never;

/** The API server's answer to creating `object`, or the error it returned. */
async function tryCreate(object: KubeObject): Promise<KubeObject | ApiError> {
  try {
    return await client.create(typeOf(object), { ...object, metadata: { ...object.metadata, namespace: ns } } as never);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

/** A KubeadmConfig named `name` with `spec`. */
const config = (name: string, spec: Record<string, unknown>): KubeObject =>
  ({ apiVersion: KubeadmConfig.apiVersion, kind: 'KubeadmConfig', metadata: { name }, spec }) as KubeObject;

describe('manifests written for the Go provider', () => {
  it('the generated CRD files are the ones the code defines', () => {
    const onDisk = readdirSync(crdDir).map((f) => parse(readFileSync(`${crdDir}${f}`, 'utf8')) as KubeObject);
    expect(onDisk.map((crd) => crd.metadata.name).sort()).toEqual(
      [kubeadmConfigCrd.metadata.name, kubeadmConfigTemplateCrd.metadata.name].sort(),
    );
  });

  it.each(readdirSync(manifestDir))('%s applies unchanged', async (file) => {
    const manifest = parse(readFileSync(`${manifestDir}${file}`, 'utf8')) as KubeObject & { spec: unknown };
    const stored = await tryCreate(manifest);
    expect(stored).not.toBeInstanceOf(ApiError);
    const created = stored as KubeObject & { spec: Record<string, unknown> };
    // Everything the manifest said is stored as said (nothing pruned).
    expect(created.spec).toEqual(manifest.spec);
    // And the stored object parses with our runtime schema.
    expect(typeOf(created).safeParse(created).success).toBe(true);
  });

  it('applies the upstream defaults of env var references', async () => {
    const created = (await tryCreate(
      config('env-defaults', {
        clusterConfiguration: {
          apiServer: { extraEnvs: [{ name: 'A', valueFrom: { secretKeyRef: { key: 'k' } } }] },
        },
      }),
    )) as KubeadmConfig;
    expect(created.spec?.clusterConfiguration?.apiServer?.extraEnvs?.[0]?.valueFrom?.secretKeyRef?.name).toBe('');
  });

  it.each([
    ['an empty spec', {}, 'spec: Invalid value'],
    ['an unknown format', { format: 'yaml' }, 'spec.format: Unsupported value: "yaml"'],
    [
      'duplicate extraArgs names',
      {
        clusterConfiguration: {
          apiServer: {
            extraArgs: [
              { name: 'v', value: '1' },
              { name: 'v', value: '2' },
            ],
          },
        },
      },
      'extraArgs name must be unique',
    ],
    [
      'a partition with both layout and diskLayout',
      { diskSetup: { partitions: [{ device: '/dev/sdb', layout: true, diskLayout: [{ percentage: 100 }] }] } },
      'exactly one of the fields in [layout diskLayout] must be set',
    ],
    [
      'an unknown partition type',
      { diskSetup: { partitions: [{ device: '/dev/sdb', diskLayout: [{ percentage: 100, partitionType: 'ZFS' }] }] } },
      'partitionType must be one of',
    ],
    ['a file without a path', { files: [{ content: 'x' }] }, 'spec.files[0].path: Required value'],
    ['a too long bootstrap token', { initConfiguration: { bootstrapTokens: [{ token: 'x'.repeat(24) }] } }, 'Too long'],
  ])('rejects %s with a clear message', async (_, spec, message) => {
    const result = await tryCreate(config(`bad-${Math.random().toString(36).slice(2, 8)}`, spec));
    expect(result).toBeInstanceOf(ApiError);
    expect((result as ApiError).message).toContain(message);
  });
});
