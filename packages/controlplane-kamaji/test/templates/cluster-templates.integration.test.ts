import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtin,
  KubeClient,
  type KubeObject,
  listVariables,
  type ResourceType,
  substituteVariables,
} from '@capi-ts/sdk';
import {
  applyStrictly,
  clusterApiCrdDirectory,
  loadCrds,
  parseManifests,
  servedResourceTypes,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../../src/api/crds.js';
import { infrastructurePatch } from '../../src/controllers/kamajicontrolplane/infrastructure-patch.js';
import { INCUS_CRD_DIRECTORY, openStackCrdDirectory } from '../support/infrastructure-crds.js';

// The clusterctl templates in templates/, substituted as `clusterctl generate cluster` does and created unchanged
// on a real API server with Cluster API's CRDs, ours (KamajiControlPlane, KubeadmConfigTemplate of
// @capi-ts/bootstrap-kubeadm, LXC kinds of @capi-ts/provider-incus) and CAPO's.

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const kubeadmCrds = fileURLToPath(new URL('../../../bootstrap-kubeadm/config/crd/bases', import.meta.url));

const namespace = 'default';
let env: TestEnvironment;
let client: KubeClient;
let types: ResourceType[];

beforeAll(async () => {
  const sources = [
    clusterApiCrdDirectory(),
    kamajiControlPlaneCrd,
    kamajiControlPlaneTemplateCrd,
    kubeadmCrds,
    openStackCrdDirectory(),
    INCUS_CRD_DIRECTORY,
  ];
  env = await startTestEnvironment({ crds: sources });
  client = new KubeClient(env.kubeConfig);
  types = [builtin.secret, ...servedResourceTypes(loadCrds(sources))];
}, 180_000);
afterAll(async () => env?.stop());

const COMMON = { KUBERNETES_VERSION: 'v1.33.0' };
const FLAVORS = {
  incus: { ...COMMON, CLUSTER_NAME: 'kamaji-incus', LXC_SECRET_NAME: 'incus-credentials' },
  openstack: {
    ...COMMON,
    CLUSTER_NAME: 'kamaji-openstack',
    OPENSTACK_CLOUD: 'openstack',
    OPENSTACK_CLOUD_YAML_B64: Buffer.from('clouds: {}\n').toString('base64'),
    OPENSTACK_EXTERNAL_NETWORK_ID: '7b7c4a3e-5b5f-4e8e-9a8c-0d3c1f1e2a3b',
    OPENSTACK_DNS_NAMESERVERS: '192.0.2.53',
    OPENSTACK_NODE_MACHINE_FLAVOR: 'm1.medium',
    OPENSTACK_IMAGE_NAME: 'ubuntu-2404-kube-v1.33.0',
    OPENSTACK_SSH_KEY_NAME: 'default',
  },
} as const;

function template(flavor: keyof typeof FLAVORS): string {
  return readFileSync(path.join(templatesDir, `cluster-template-${flavor}.yaml`), 'utf8');
}

function isInstalled(object: KubeObject): boolean {
  return types.some(
    (t) => `${t.group ? `${t.group}/` : ''}${t.version}` === object.apiVersion && t.kind === object.kind,
  );
}

describe.each(Object.keys(FLAVORS) as (keyof typeof FLAVORS)[])('cluster-template-%s.yaml', (flavor) => {
  it('needs exactly the documented variables and no others', () => {
    const required = listVariables(template(flavor))
      .filter((v) => v.required)
      .map((v) => v.name);
    expect(required.sort()).toEqual(Object.keys(FLAVORS[flavor]).sort());
  });

  it('is accepted unchanged by the API server after substitution', async () => {
    const objects = parseManifests(substituteVariables(template(flavor), FLAVORS[flavor]));
    expect(objects.filter((o) => !isInstalled(o)).map((o) => o.kind)).toEqual([]);
    // Server-side apply with strict field validation: an unknown or misspelt field fails, not just a bad value.
    const installed = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
    await applyStrictly(env.transport, installed);
    for (const object of installed) {
      const type = types.find((t) => t.kind === object.kind) as ResourceType;
      expect((await client.get(type, { namespace, name: object.metadata.name ?? '' })).metadata.uid).toBeTruthy();
    }
  });

  it('wires a Kamaji control plane and kubeadm workers to one Cluster', () => {
    const objects = parseManifests(substituteVariables(template(flavor), FLAVORS[flavor]));
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    const cluster = byKind('Cluster')[0] as KubeObject & { spec: Record<string, { kind: string; name: string }> };
    const name = FLAVORS[flavor].CLUSTER_NAME;
    expect(cluster.spec.controlPlaneRef).toMatchObject({ kind: 'KamajiControlPlane', name });
    expect(byKind('KamajiControlPlane').map((o) => o.metadata.name)).toEqual([name]);
    const infra = objects.find(
      (o) =>
        o.kind === cluster.spec.infrastructureRef?.kind && o.metadata.name === cluster.spec.infrastructureRef?.name,
    );
    expect(infra).toBeDefined();
    const workers = byKind('MachineDeployment')[0] as KubeObject & {
      spec: {
        template: {
          spec: { bootstrap: { configRef: { name: string } }; infrastructureRef: { kind: string; name: string } };
        };
      };
    };
    const machine = workers.spec.template.spec;
    expect(byKind('KubeadmConfigTemplate').map((o) => o.metadata.name)).toEqual([machine.bootstrap.configRef.name]);
    expect(
      objects.some(
        (o) => o.kind === machine.infrastructureRef.kind && o.metadata.name === machine.infrastructureRef.name,
      ),
    ).toBe(true);
  });

  it("has an infrastructure cluster the provider patches with the TenantControlPlane's endpoint", () => {
    const objects = parseManifests(substituteVariables(template(flavor), FLAVORS[flavor]));
    const infra = objects.find((o) => o.kind === 'LXCCluster' || o.kind === 'OpenStackCluster') as KubeObject;
    const patch = infrastructurePatch(infra, { host: '203.0.113.10', port: 6443 }, new Set());
    if (flavor === 'incus') {
      expect(patch).toEqual({
        spec: { controlPlaneEndpoint: { host: '203.0.113.10', port: 6443 } },
        status: { ready: true },
      });
    } else {
      expect(patch).toEqual({ spec: { apiServerFixedIP: '203.0.113.10', apiServerPort: 6443 } });
    }
  });
});
