import { describe, expect, it } from 'vitest';
import type { InformerSource } from '../../src/cache/types.js';
import { bootstrapConfigMappers, CapiLabel, type Machine, type MachinePool } from '../../src/capi/index.js';
import type { ConfigMap, KubeObject } from '../../src/index.js';
import { resourceType } from '../../src/index.js';

interface DevConfig extends KubeObject {
  status?: { dataSecretCreated?: boolean };
}
const DevConfigType = resourceType<DevConfig>('bootstrap.cluster.x-k8s.io/v1beta2', 'DevConfig', 'devconfigs', true);
const ns = 'default';

/** Informers over fixed objects, indexed by the cluster-name label only. */
function sourceOf(objects: KubeObject[]): InformerSource {
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    informerFor: (type: { kind: string }) => ({
      byIndex: (_index: string, key: string) =>
        ofKind(type.kind).filter(
          (o) => `${o.metadata.namespace}/${o.metadata.labels?.[CapiLabel.clusterName]}` === key,
        ),
      get: (key: { namespace?: string; name: string }) =>
        ofKind(type.kind).find((o) => o.metadata.namespace === key.namespace && o.metadata.name === key.name),
    }),
  } as unknown as InformerSource;
}

const config = (name: string, options: { cluster?: string; created?: boolean } = {}): DevConfig => ({
  apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
  kind: 'DevConfig',
  metadata: {
    namespace: ns,
    name,
    ...(options.cluster ? { labels: { [CapiLabel.clusterName]: options.cluster } } : {}),
  },
  status: { dataSecretCreated: options.created === true },
});

const configRef = (name: string, kind = 'DevConfig') => ({ apiGroup: 'bootstrap.cluster.x-k8s.io', kind, name });

const machine = (name: string, options: { controlPlane?: boolean; configKind?: string } = {}): Machine => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  metadata: {
    namespace: ns,
    name,
    labels: { [CapiLabel.clusterName]: 'c1', ...(options.controlPlane ? { [CapiLabel.controlPlane]: '' } : {}) },
  },
  spec: {
    clusterName: 'c1',
    bootstrap: { configRef: configRef(name, options.configKind) },
    infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name },
  },
});

const names = (requests: { name: string }[]) => requests.map((r) => r.name);

// c1 has: a labelled waiting config, a labelled config with its data, an unlabelled waiting config a Machine refers
// to, a Machine whose config has its data; c2 has a waiting config of its own.
const objects: KubeObject[] = [
  config('labelled', { cluster: 'c1' }),
  config('done', { cluster: 'c1', created: true }),
  config('cp-1'),
  config('worker-1', { created: true }),
  config('other', { cluster: 'c2' }),
  machine('cp-1', { controlPlane: true }),
  machine('worker-1'),
];
const mappers = bootstrapConfigMappers(sourceOf(objects), {
  type: DevConfigType,
  isDataSecretCreated: (c) => c.status?.dataSecretCreated === true,
});

describe('bootstrap config mappers', () => {
  it("find the configs of a cluster still waiting for their data, by label and by its Machines' refs, sorted", () => {
    expect(mappers.waitingConfigsOfCluster(ns, 'c1')).toEqual([
      { namespace: ns, name: 'cp-1' },
      { namespace: ns, name: 'labelled' },
    ]);
    expect(names(mappers.waitingConfigsOfCluster(ns, 'c3'))).toEqual([]);
  });

  it("map a worker Machine to its own config, a control-plane one also to the cluster's waiting configs", () => {
    expect(mappers.machineToConfigs(machine('worker-1'))).toEqual([{ namespace: ns, name: 'worker-1' }]);
    // Its own config may be among the waiting ones: the work queue merges the duplicate.
    expect(names(mappers.machineToConfigs(machine('cp-1', { controlPlane: true })))).toEqual([
      'cp-1',
      'cp-1',
      'labelled',
    ]);
    expect(mappers.machineToConfigs(machine('foreign', { configKind: 'OtherConfig' }))).toEqual([]);
  });

  it('map a MachinePool to the config of its machine template', () => {
    const pool = (kind: string) =>
      ({
        metadata: { namespace: ns, name: 'p1' },
        spec: { clusterName: 'c1', template: { spec: { bootstrap: { configRef: configRef('p1-config', kind) } } } },
      }) as MachinePool;
    expect(mappers.machinePoolToConfig(pool('DevConfig'))).toEqual([{ namespace: ns, name: 'p1-config' }]);
    expect(mappers.machinePoolToConfig(pool('OtherConfig'))).toEqual([]);
  });

  it("map the cluster's init lock, and only it, to the cluster's waiting configs", () => {
    const configMap = (name: string, cluster?: string): ConfigMap => ({
      metadata: { namespace: ns, name, ...(cluster ? { labels: { [CapiLabel.clusterName]: cluster } } : {}) },
    });
    expect(names(mappers.initLockToConfigs(configMap('c1-lock', 'c1')))).toEqual(['cp-1', 'labelled']);
    expect(mappers.initLockToConfigs(configMap('c1-lock'))).toEqual([]);
    expect(mappers.initLockToConfigs(configMap('settings', 'c1'))).toEqual([]);
  });
});
