import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { crdNameFor, pluralize } from '../../src/capi/index.js';
import { clusterApiCrdDirectory } from '../../src/testing/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every kind of the upstream providers the project must stay compatible with, and its published CRD name. */
const upstreamProviderCrds: Array<[group: string, kind: string, crdName: string]> = [
  ['infrastructure.cluster.x-k8s.io', 'LXCCluster', 'lxcclusters.infrastructure.cluster.x-k8s.io'],
  ['infrastructure.cluster.x-k8s.io', 'LXCClusterTemplate', 'lxcclustertemplates.infrastructure.cluster.x-k8s.io'],
  ['infrastructure.cluster.x-k8s.io', 'LXCMachine', 'lxcmachines.infrastructure.cluster.x-k8s.io'],
  ['infrastructure.cluster.x-k8s.io', 'LXCMachineTemplate', 'lxcmachinetemplates.infrastructure.cluster.x-k8s.io'],
  ['infrastructure.cluster.x-k8s.io', 'OpenStackCluster', 'openstackclusters.infrastructure.cluster.x-k8s.io'],
  [
    'infrastructure.cluster.x-k8s.io',
    'OpenStackClusterIdentity',
    'openstackclusteridentities.infrastructure.cluster.x-k8s.io',
  ],
  [
    'infrastructure.cluster.x-k8s.io',
    'OpenStackClusterTemplate',
    'openstackclustertemplates.infrastructure.cluster.x-k8s.io',
  ],
  [
    'infrastructure.cluster.x-k8s.io',
    'OpenStackFloatingIPPool',
    'openstackfloatingippools.infrastructure.cluster.x-k8s.io',
  ],
  ['infrastructure.cluster.x-k8s.io', 'OpenStackMachine', 'openstackmachines.infrastructure.cluster.x-k8s.io'],
  [
    'infrastructure.cluster.x-k8s.io',
    'OpenStackMachineTemplate',
    'openstackmachinetemplates.infrastructure.cluster.x-k8s.io',
  ],
  ['infrastructure.cluster.x-k8s.io', 'OpenStackServer', 'openstackservers.infrastructure.cluster.x-k8s.io'],
  ['controlplane.cluster.x-k8s.io', 'KamajiControlPlane', 'kamajicontrolplanes.controlplane.cluster.x-k8s.io'],
  [
    'controlplane.cluster.x-k8s.io',
    'KamajiControlPlaneTemplate',
    'kamajicontrolplanetemplates.controlplane.cluster.x-k8s.io',
  ],
  ['controlplane.cluster.x-k8s.io', 'MicroK8sControlPlane', 'microk8scontrolplanes.controlplane.cluster.x-k8s.io'],
  ['bootstrap.cluster.x-k8s.io', 'MicroK8sConfig', 'microk8sconfigs.bootstrap.cluster.x-k8s.io'],
  ['bootstrap.cluster.x-k8s.io', 'MicroK8sConfigTemplate', 'microk8sconfigtemplates.bootstrap.cluster.x-k8s.io'],
  ['bootstrap.cluster.x-k8s.io', 'JoinConfiguration', 'joinconfigurations.bootstrap.cluster.x-k8s.io'],
  ['bootstrap.cluster.x-k8s.io', 'KubeadmConfig', 'kubeadmconfigs.bootstrap.cluster.x-k8s.io'],
  ['bootstrap.cluster.x-k8s.io', 'KubeadmConfigTemplate', 'kubeadmconfigtemplates.bootstrap.cluster.x-k8s.io'],
  ['kamaji.clastix.io', 'TenantControlPlane', 'tenantcontrolplanes.kamaji.clastix.io'],
  ['kamaji.clastix.io', 'DataStore', 'datastores.kamaji.clastix.io'],
];

describe('pluralize: gobuffalo/flect v1.0.3 as Cluster API uses it', () => {
  it('applies the everyday English rules', () => {
    expect(pluralize('machine')).toBe('machines');
    expect(pluralize('ipaddress')).toBe('ipaddresses'); // -ss → -sses
    expect(pluralize('machinehealthcheck')).toBe('machinehealthchecks'); // -ck is not -ch
    expect(pluralize('switch')).toBe('switches'); // -ch → -ches
    expect(pluralize('mesh')).toBe('meshes'); // -sh → -shes
    expect(pluralize('box')).toBe('boxes'); // -x → -xes
    expect(pluralize('openstackclusteridentity')).toBe('openstackclusteridentities'); // consonant + y → -ies
    expect(pluralize('gateway')).toBe('gateways'); // vowel + y → -ys
    expect(pluralize('status')).toBe('statuses'); // -us → -uses
    expect(pluralize('policies')).toBe('policies'); // already plural
    expect(pluralize('')).toBe('');
  });

  it('matches flect on every word of the reference list', () => {
    const lines = readFileSync(path.join(here, 'fixtures', 'flect-v1.0.3-pluralize.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('#'));
    expect(lines.length).toBeGreaterThan(1000);
    const mismatches = lines
      .map((line) => line.split(' ') as [string, string])
      .filter(([word, plural]) => pluralize(word) !== plural)
      .map(([word, plural]) => `${word}: flect ${plural}, ours ${pluralize(word)}`);
    expect(mismatches).toEqual([]);
  });
});

describe('crdNameFor', () => {
  it.each(upstreamProviderCrds)('%s %s is served by CRD %s', (group, kind, crdName) => {
    expect(crdNameFor(group, kind)).toBe(crdName);
  });

  it('names every Cluster API core CRD as it is published', () => {
    const dir = clusterApiCrdDirectory();
    const crds = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()))
      .filter((d) => d?.kind === 'CustomResourceDefinition') as Array<{
      metadata: { name: string };
      spec: { group: string; names: { kind: string } };
    }>;
    expect(crds.length).toBeGreaterThanOrEqual(12);
    for (const crd of crds) expect(crdNameFor(crd.spec.group, crd.spec.names.kind)).toBe(crd.metadata.name);
  });
});
