import { readdirSync, readFileSync } from 'node:fs';
import { ApiError, KubeClient, type KubeObject, type ResourceDefinition } from '@capi-ts/sdk';
import { startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodType } from 'zod';
import { microK8sConfigCrd, microK8sConfigTemplateCrd } from '../../src/api/crds.js';
import { DEFAULT_JOIN_TOKEN_TTL_SECONDS, MicroK8sConfig, MicroK8sConfigTemplate } from '../../src/api/v1beta1/index.js';

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
  (object.kind === 'MicroK8sConfig' ? MicroK8sConfig : MicroK8sConfigTemplate) as never;

/** The API server's answer to creating `object`, or the error it returned. */
async function tryCreate(object: KubeObject): Promise<KubeObject | ApiError> {
  try {
    return await client.create(typeOf(object), { ...object, metadata: { ...object.metadata, namespace: ns } } as never);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

describe('manifests written for the Go provider', () => {
  it('the generated CRD files are the ones the code defines', () => {
    const onDisk = readdirSync(crdDir).map((f) => parse(readFileSync(`${crdDir}${f}`, 'utf8')) as KubeObject);
    expect(onDisk.map((crd) => crd.metadata.name).sort()).toEqual(
      [microK8sConfigCrd.metadata.name, microK8sConfigTemplateCrd.metadata.name].sort(),
    );
  });

  it.each(readdirSync(manifestDir))('%s applies unchanged, with the upstream defaults', async (file) => {
    const manifest = parse(readFileSync(`${manifestDir}${file}`, 'utf8')) as KubeObject & { spec: unknown };
    const stored = await tryCreate(manifest);
    expect(stored).not.toBeInstanceOf(ApiError);
    const created = stored as KubeObject & { spec: Record<string, unknown> };
    // Everything the manifest said is stored as said (nothing pruned).
    expect(created.spec).toMatchObject(manifest.spec as Record<string, unknown>);
    // And the stored object parses with our runtime schema.
    expect(typeOf(created).safeParse(created).success).toBe(true);
  });

  it('applies the CRD defaults upstream applies', async () => {
    const created = (await tryCreate({
      apiVersion: MicroK8sConfig.apiVersion,
      kind: 'MicroK8sConfig',
      metadata: { name: 'defaults' },
      spec: { clusterConfiguration: {}, initConfiguration: {} },
    } as KubeObject)) as MicroK8sConfig;
    expect(created.spec?.clusterConfiguration?.portCompatibilityRemap).toBe(true);
    expect(created.spec?.initConfiguration?.joinTokenTTLInSecs).toBe(DEFAULT_JOIN_TOKEN_TTL_SECONDS);
    expect(created.spec?.initConfiguration?.riskLevel).toBe('stable');
  });
});

describe('malformed specs are rejected by the schema with a clear message', () => {
  const config = (name: string, initConfiguration: Record<string, unknown>) =>
    ({
      apiVersion: MicroK8sConfig.apiVersion,
      kind: 'MicroK8sConfig',
      metadata: { name },
      spec: { initConfiguration },
    }) as KubeObject;

  it.each([
    ['bad-risk', { riskLevel: 'nightly' }, 'spec.initConfiguration.riskLevel', 'Unsupported value: "nightly"'],
    ['bad-confinement', { confinement: 'devmode' }, 'spec.initConfiguration.confinement', 'Unsupported value'],
    [
      'negative-ttl',
      { joinTokenTTLInSecs: -5 },
      'spec.initConfiguration.joinTokenTTLInSecs',
      'greater than or equal to 1',
    ],
    ['zero-ttl', { joinTokenTTLInSecs: 0 }, 'spec.initConfiguration.joinTokenTTLInSecs', 'greater than or equal to 1'],
    [
      'file-without-path',
      { extraWriteFiles: [{ content: 'x', permissions: '0600', owner: 'root:root' }] },
      'path',
      'Required value',
    ],
    ['addons-not-a-list', { addons: 'dns' }, 'spec.initConfiguration.addons', 'must be of type array'],
  ])('%s', async (name, init, field, message) => {
    const result = await tryCreate(config(name, init));
    expect(result).toBeInstanceOf(ApiError);
    const error = result as ApiError;
    expect(error.code).toBe(422);
    expect(error.message).toContain(field);
    expect(error.message).toContain(message);
  });

  it('rejects the same input in the runtime schema', () => {
    const parsed = MicroK8sConfig.safeParse({ ...config('x', { riskLevel: 'nightly' }), metadata: { name: 'x' } });
    expect(parsed.success).toBe(false);
  });
});
