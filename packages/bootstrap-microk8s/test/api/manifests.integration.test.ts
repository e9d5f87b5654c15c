import { readdirSync, readFileSync } from 'node:fs';
import { ApiError, KubeClient, type KubeObject } from '@capi-ts/sdk';
import {
  applyManifestFile,
  createAsWritten,
  type ManifestTarget,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { microK8sConfigCrd, microK8sConfigTemplateCrd } from '../../src/api/crds.js';
import { DEFAULT_JOIN_TOKEN_TTL_SECONDS, MicroK8sConfig, MicroK8sConfigTemplate } from '../../src/api/v1beta1/index.js';

let env: TestEnvironment;
let target: ManifestTarget;
const crdDir = new URL('../../config/crd/bases/', import.meta.url).pathname;
const manifestDir = new URL('../fixtures/manifests/', import.meta.url).pathname;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [crdDir] });
  target = { client: new KubeClient(env.kubeConfig), types: [MicroK8sConfig, MicroK8sConfigTemplate] };
});
afterAll(async () => {
  await env?.stop();
});

describe('manifests written for the Go provider', () => {
  it('the generated CRD files are the ones the code defines', () => {
    const onDisk = readdirSync(crdDir).map((f) => parse(readFileSync(`${crdDir}${f}`, 'utf8')) as KubeObject);
    expect(onDisk.map((crd) => crd.metadata.name).sort()).toEqual(
      [microK8sConfigCrd.metadata.name, microK8sConfigTemplateCrd.metadata.name].sort(),
    );
  });

  it.each(readdirSync(manifestDir))('%s applies unchanged, with the upstream defaults', async (file) => {
    const [applied] = await applyManifestFile(target, `${manifestDir}${file}`);
    const { manifest, stored } = applied as { manifest: KubeObject & { spec: unknown }; stored: unknown };
    expect(stored).not.toBeInstanceOf(ApiError);
    const created = stored as KubeObject & { spec: Record<string, unknown> };
    // Everything the manifest said is stored as said (nothing pruned).
    expect(created.spec).toMatchObject(manifest.spec as Record<string, unknown>);
    // And the stored object parses with our runtime schema.
    const type = created.kind === 'MicroK8sConfig' ? MicroK8sConfig : MicroK8sConfigTemplate;
    expect(type.safeParse(created).success).toBe(true);
  });

  it('applies the CRD defaults upstream applies', async () => {
    const created = (await createAsWritten(target, {
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
    const result = await createAsWritten(target, config(name, init));
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
