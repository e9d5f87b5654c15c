import { readdirSync, readFileSync } from 'node:fs';
import { ApiError, KubeClient, type KubeObject, type ResourceDefinition } from '@capi-ts/sdk';
import { applyManifestFile, createAsWritten, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodType } from 'zod';
import { microK8sControlPlaneCrd, microK8sControlPlaneTemplateCrd } from '../../src/api/crds.js';
import { MicroK8sControlPlane, MicroK8sControlPlaneTemplate } from '../../src/api/v1beta1/index.js';

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
  (object.kind === 'MicroK8sControlPlane' ? MicroK8sControlPlane : MicroK8sControlPlaneTemplate) as never;

const tryCreate = (object: KubeObject) =>
  createAsWritten({ client, types: [MicroK8sControlPlane, MicroK8sControlPlaneTemplate], namespace: ns }, object);

const controlPlane = (name: string, spec: Record<string, unknown>) =>
  ({
    apiVersion: MicroK8sControlPlane.apiVersion,
    kind: 'MicroK8sControlPlane',
    metadata: { name },
    spec,
  }) as KubeObject;
const infrastructureTemplate = { apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', kind: 'X', name: 'x' };

describe('manifests written for the Go provider', () => {
  it('the generated CRD files are the ones the code defines', () => {
    const onDisk = readdirSync(crdDir).map((f) => parse(readFileSync(`${crdDir}${f}`, 'utf8')) as KubeObject);
    expect(onDisk.map((crd) => crd.metadata.name).sort()).toEqual(
      [microK8sControlPlaneCrd.metadata.name, microK8sControlPlaneTemplateCrd.metadata.name].sort(),
    );
  });

  it.each(readdirSync(manifestDir))('%s applies unchanged', async (file) => {
    const target = { client, types: [MicroK8sControlPlane, MicroK8sControlPlaneTemplate], namespace: ns };
    const [applied, ...more] = await applyManifestFile(target, `${manifestDir}${file}`);
    expect(more).toEqual([]);
    const { manifest, stored } = applied as NonNullable<typeof applied>;
    expect(stored).not.toBeInstanceOf(ApiError);
    const created = stored as KubeObject & { spec: Record<string, unknown> };
    expect(created.spec).toMatchObject(manifest.spec as Record<string, unknown>);
    expect(typeOf(created).safeParse(created).success).toBe(true);
  });

  it('defaults replicas to 1 and the MicroK8sConfig defaults upstream applies', async () => {
    const created = (await tryCreate(
      controlPlane('defaults', {
        version: 'v1.30.0',
        machineTemplate: { infrastructureTemplate },
        controlPlaneConfig: { clusterConfiguration: {}, initConfiguration: {} },
      }),
    )) as MicroK8sControlPlane;
    expect(created.spec?.replicas).toBe(1);
    expect(created.spec?.controlPlaneConfig?.clusterConfiguration?.portCompatibilityRemap).toBe(true);
    expect(created.spec?.controlPlaneConfig?.initConfiguration?.riskLevel).toBe('stable');
  });

  it('accepts the infrastructure reference where ClusterClass topology writes it', async () => {
    const v1beta2 = await tryCreate(
      controlPlane('topology-v1beta2', {
        version: 'v1.30.0',
        machineTemplate: {
          spec: { infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'X', name: 'x' } },
        },
      }),
    );
    expect(v1beta2).not.toBeInstanceOf(ApiError);
    const v1beta1 = await tryCreate(
      controlPlane('topology-v1beta1', {
        version: 'v1.30.0',
        machineTemplate: { infrastructureRef: infrastructureTemplate },
      }),
    );
    expect(v1beta1).not.toBeInstanceOf(ApiError);
  });

  it('serves the scale subresource from spec.replicas and status.selector', async () => {
    const key = { namespace: ns, name: 'scaled' };
    await tryCreate(controlPlane('scaled', { version: 'v1.30.0', machineTemplate: { infrastructureTemplate } }));
    await client.mergePatch(
      MicroK8sControlPlane,
      key,
      { status: { replicas: 1, selector: 'cluster.x-k8s.io/cluster-name=c' } },
      { subresource: 'status' },
    );
    const scale = (await client.mergePatch(
      MicroK8sControlPlane,
      key,
      { spec: { replicas: 3 } },
      {
        subresource: 'scale',
      },
    )) as unknown as { spec: { replicas: number }; status: { replicas: number; selector: string } };
    expect(scale.status).toEqual({ replicas: 1, selector: 'cluster.x-k8s.io/cluster-name=c' });
    expect((await client.get(MicroK8sControlPlane, key)).spec?.replicas).toBe(3);
  });
});

describe('malformed specs are rejected with a clear message', () => {
  it.each([
    ['no-v', { version: '1.30.0', machineTemplate: { infrastructureTemplate } }, 'spec.version', 'should match'],
    ['no-version', { machineTemplate: { infrastructureTemplate } }, 'spec.version', 'Required value'],
    ['no-infra', { version: 'v1.30.0', machineTemplate: {} }, 'spec.machineTemplate', 'one of infrastructureTemplate'],
    [
      'bad-strategy',
      { version: 'v1.30.0', machineTemplate: { infrastructureTemplate }, upgradeStrategy: 'Yolo' },
      'spec.upgradeStrategy',
      'Unsupported value',
    ],
    [
      'bad-risk',
      {
        version: 'v1.30.0',
        machineTemplate: { infrastructureTemplate },
        controlPlaneConfig: { initConfiguration: { riskLevel: 'nightly' } },
      },
      'spec.controlPlaneConfig.initConfiguration.riskLevel',
      'Unsupported value',
    ],
  ])('%s', async (name, spec, field, message) => {
    const result = await tryCreate(controlPlane(name, spec));
    expect(result).toBeInstanceOf(ApiError);
    const error = result as ApiError;
    expect(error.code).toBe(422);
    expect(error.message).toContain(field);
    expect(error.message).toContain(message);
  });
});
