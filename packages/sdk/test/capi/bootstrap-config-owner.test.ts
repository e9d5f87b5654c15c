import { describe, expect, it } from 'vitest';
import {
  CapiLabel,
  getBootstrapConfigOwner,
  type Machine,
  type MachinePool,
  type ObjectReader,
} from '../../src/capi/index.js';
import type { KubeObject } from '../../src/index.js';

const ns = 'default';

/** A reader over a fixed set of objects, found by kind and name. */
function readerOf(...objects: KubeObject[]): ObjectReader {
  return {
    get: async (type, key) =>
      objects.find(
        (o) => o.kind === type.kind && o.metadata.name === key.name && o.metadata.namespace === key.namespace,
      ) as never | undefined,
  };
}

const configOwnedBy = (kind: string, name: string, apiVersion = 'cluster.x-k8s.io/v1beta2'): KubeObject => ({
  apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
  kind: 'DevConfig',
  metadata: { name: 'config', namespace: ns, ownerReferences: [{ apiVersion, kind, name, uid: `${name}-uid` }] },
});

const machine = (extra: { controlPlane?: boolean; nodeRef?: boolean } = {}): Machine => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  metadata: {
    name: 'm1',
    namespace: ns,
    labels: extra.controlPlane ? { [CapiLabel.controlPlane]: '' } : {},
  },
  spec: {
    clusterName: 'c1',
    version: 'v1.31.2',
    bootstrap: { dataSecretName: 'm1-data' },
    infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachine', name: 'm1' },
  },
  ...(extra.nodeRef ? { status: { nodeRef: { name: 'node-1' } } } : {}),
});

const pool = (nodeRefs: unknown[] | undefined): MachinePool =>
  ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachinePool',
    metadata: { name: 'p1', namespace: ns },
    spec: {
      clusterName: 'c1',
      template: {
        spec: {
          clusterName: 'c1',
          version: 'v1.30.2',
          bootstrap: {},
          infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevMachinePool', name: 'p1' },
        },
      },
    },
    ...(nodeRefs ? { status: { nodeRefs } } : {}),
  }) as MachinePool;

describe('the owner of a bootstrap config', () => {
  it('is its Machine, a control-plane one by its label, joined once it has a nodeRef', async () => {
    const worker = machine();
    expect(await getBootstrapConfigOwner(readerOf(worker), configOwnedBy('Machine', 'm1'))).toEqual({
      object: worker,
      kind: 'Machine',
      clusterName: 'c1',
      isControlPlane: false,
      version: 'v1.31.2',
      dataSecretName: 'm1-data',
      hasNodeRefs: false,
    });
    const joined = await getBootstrapConfigOwner(
      readerOf(machine({ controlPlane: true, nodeRef: true })),
      configOwnedBy('Machine', 'm1', 'cluster.x-k8s.io/v1beta1'),
    );
    expect(joined).toMatchObject({ kind: 'Machine', isControlPlane: true, hasNodeRefs: true });
  });

  it('is else its MachinePool, always a worker, with its template version and data Secret', async () => {
    const waiting = pool(undefined);
    expect(await getBootstrapConfigOwner(readerOf(waiting), configOwnedBy('MachinePool', 'p1'))).toEqual({
      object: waiting,
      kind: 'MachinePool',
      clusterName: 'c1',
      isControlPlane: false,
      version: 'v1.30.2',
      dataSecretName: undefined,
      hasNodeRefs: false,
    });
    const joined = await getBootstrapConfigOwner(
      readerOf(pool([{ name: 'node-1' }])),
      configOwnedBy('MachinePool', 'p1'),
    );
    expect(joined?.hasNodeRefs).toBe(true);
    const empty = await getBootstrapConfigOwner(readerOf(pool([])), configOwnedBy('MachinePool', 'p1'));
    expect(empty?.hasNodeRefs).toBe(false);
  });

  it('is undefined before Cluster API sets the owner reference, or once the owner is gone', async () => {
    const unowned: KubeObject = { metadata: { name: 'config', namespace: ns } };
    expect(await getBootstrapConfigOwner(readerOf(machine()), unowned)).toBeUndefined();
    expect(await getBootstrapConfigOwner(readerOf(), configOwnedBy('Machine', 'm1'))).toBeUndefined();
    expect(
      await getBootstrapConfigOwner(readerOf(machine()), configOwnedBy('Machine', 'm1', 'example.com/v1')),
    ).toBeUndefined();
  });
});
