import { readdirSync, readFileSync } from 'node:fs';
import {
  ApiError,
  builtin,
  KubeClient,
  type KubeObject,
  listVariables,
  type ResourceType,
  substituteVariables,
} from '@capi-ts/sdk';
import {
  clusterApiCrdDirectory,
  createAsWritten,
  loadCrds,
  servedResourceTypes,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { openStackCrds } from '../../src/api/crds.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { OpenStackClusterTemplate } from '../../src/api/v1beta1/openstack-cluster-template.js';
import { OpenStackMachineTemplate } from '../../src/api/v1beta1/openstack-machine-template.js';
import { type ServedWebhooks, serveOpenStackWebhooks } from '../webhooks/serve-webhooks.js';

// CAPO's clusterctl templates (templates/, as released upstream), substituted as `clusterctl generate cluster`
// does and created unchanged (as `kubectl create` sends them) on a real API server with Cluster API's
// CRDs, the kubeadm bootstrap CRDs of @capi-ts/bootstrap-kubeadm, ours and our validating webhooks.
// KubeadmControlPlane(Template) and ORC's Image have no CRD in this repository.

const templatesDir = new URL('../../templates/', import.meta.url).pathname;
const kubeadmCrds = new URL('../../../bootstrap-kubeadm/config/crd/bases/', import.meta.url).pathname;
const WITHOUT_CRD = new Set(['KubeadmControlPlane', 'KubeadmControlPlaneTemplate', 'Image']);
const namespace = 'default';
const openStackResources = [OpenStackCluster, OpenStackClusterTemplate, OpenStackMachineTemplate];

const OPENSTACK = {
  CONTROL_PLANE_MACHINE_COUNT: '3',
  WORKER_MACHINE_COUNT: '2',
  KUBERNETES_VERSION: 'v1.33.1',
  OPENSTACK_CLOUD: 'openstack',
  OPENSTACK_CLOUD_CACERT_B64: Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64'),
  OPENSTACK_CLOUD_YAML_B64: Buffer.from('clouds: {openstack: {auth: {}}}\n').toString('base64'),
  OPENSTACK_CONTROL_PLANE_MACHINE_FLAVOR: 'm1.medium',
  OPENSTACK_NODE_MACHINE_FLAVOR: 'm1.small',
  OPENSTACK_DNS_NAMESERVERS: '192.0.2.53',
  OPENSTACK_EXTERNAL_NETWORK_ID: '8d6a5f3c-2b1e-4f7a-9c0d-1e2f3a4b5c6d',
  OPENSTACK_FAILURE_DOMAIN: 'nova',
  OPENSTACK_SSH_KEY_NAME: 'capo',
};
/** The variables each template needs, as `clusterctl generate cluster` would be given them. */
const VARIABLES: Record<string, Record<string, string>> = {
  'cluster-template.yaml': { ...OPENSTACK, CLUSTER_NAME: 'default', OPENSTACK_IMAGE_NAME: 'ubuntu-2404-kube' },
  'cluster-template-capi-v1beta1.yaml': { ...OPENSTACK, CLUSTER_NAME: 'capi-v1beta1', OPENSTACK_IMAGE_NAME: 'ubuntu' },
  // One control-plane node: the API server's floating IP goes to it.
  'cluster-template-without-lb.yaml': (({ CONTROL_PLANE_MACHINE_COUNT: _count, ...rest }) => ({
    ...rest,
    CLUSTER_NAME: 'without-lb',
    OPENSTACK_IMAGE_NAME: 'ubuntu',
  }))(OPENSTACK),
  'cluster-template-flatcar.yaml': { ...OPENSTACK, CLUSTER_NAME: 'flatcar', OPENSTACK_FLATCAR_IMAGE_NAME: 'flatcar' },
  'cluster-template-flatcar-sysext.yaml': { ...OPENSTACK, CLUSTER_NAME: 'sysext', FLATCAR_IMAGE_NAME: 'flatcar' },
  'cluster-template-topology.yaml': {
    CLUSTER_NAME: 'topology',
    CONTROL_PLANE_MACHINE_COUNT: '1',
    WORKER_MACHINE_COUNT: '1',
    KUBERNETES_VERSION: 'v1.33.1',
  },
  'clusterclass-dev-test.yaml': {},
  'image-template-node.yaml': {},
  'image-template-bastion.yaml': {},
};

let env: TestEnvironment;
let webhooks: ServedWebhooks;
let client: KubeClient;
let types: ResourceType[];

beforeAll(async () => {
  const sources = [clusterApiCrdDirectory(), kubeadmCrds, ...openStackCrds];
  env = await startTestEnvironment({ crds: sources });
  webhooks = await serveOpenStackWebhooks(env);
  client = new KubeClient(env.kubeConfig);
  types = [builtin.secret, ...servedResourceTypes(loadCrds(sources))];
}, 180_000);
afterAll(async () => {
  await webhooks?.stop();
  await env?.stop();
});

const read = (file: string) => readFileSync(`${templatesDir}${file}`, 'utf8');
const typeOf = (object: KubeObject) =>
  types.find((t) => `${t.group ? `${t.group}/` : ''}${t.version}` === object.apiVersion && t.kind === object.kind);

function documents(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(String(document.errors[0]?.message));
      return document.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

const templates = readdirSync(templatesDir).filter((file) => file.endsWith('.yaml'));

it('every template has its variables here', () => {
  expect(templates.sort()).toEqual(Object.keys(VARIABLES).sort());
});

describe.each(templates)('%s', (file) => {
  it('needs exactly the variables given here', () => {
    const required = listVariables(read(file))
      .filter((v) => v.required)
      .map((v) => v.name);
    expect(required.sort()).toEqual(Object.keys(VARIABLES[file] ?? {}).sort());
  });

  it('is accepted unchanged after substitution, with nothing pruned', async () => {
    const objects = documents(substituteVariables(read(file), VARIABLES[file] ?? {})).map((o) => ({
      ...o,
      metadata: { ...o.metadata, namespace },
    }));
    const missing = objects.filter((o) => !typeOf(o)).map((o) => o.kind);
    expect(missing.filter((kind) => !WITHOUT_CRD.has(kind ?? ''))).toEqual([]);
    const installed = objects.filter((o) => typeOf(o));
    for (const object of installed) {
      const stored = await createAsWritten({ client, types, namespace }, object);
      expect(stored).not.toBeInstanceOf(ApiError);
      const ours = openStackResources.find((d) => d.apiVersion === object.apiVersion && d.kind === object.kind);
      if (!ours) continue;
      // Every field of our kinds is stored as written.
      const { metadata: _metadata, ...content } = object;
      expect(stored).toMatchObject(content);
      // And our runtime schema reads what the API server stored.
      expect(ours.safeParse(stored).success).toBe(true);
    }
  });
});
