import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IndexedStore, type InformerSource } from '../../../src/cache/index.js';
import {
  CapiLabel,
  type Cluster,
  clusterInfrastructureProvisioned,
  clusterPausedTransitions,
  clusterPausedTransitionsOrInfrastructureProvisioned,
  clusterToInfrastructure,
  clusterToObjects,
  infraMachineController,
  infraMachineSpec,
  infraMachineStatus,
  type Machine,
  machineToInfrastructure,
} from '../../../src/capi/index.js';
import { declaresField } from '../../../src/capi/infra-schema.js';
import { machineScope, type ScopeInput } from '../../../src/capi/scope.js';
import { type KubeClient, type KubeObject, resourceType } from '../../../src/client/index.js';
import { ConditionLayouts, getCondition } from '../../../src/conditions/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { defineResource } from '../../../src/resource/index.js';
import { GROUP, TestCluster, TestMachine } from './fixtures.js';

const cluster = (name: string, spec: Partial<Cluster['spec']> = {}, status?: Cluster['status']): Cluster => ({
  metadata: { name, namespace: 'ns', resourceVersion: '1' },
  spec,
  ...(status ? { status } : {}),
});

const updated = (before: Cluster, after: Cluster) => ({
  type: 'updated' as const,
  object: after,
  oldObject: before,
  initial: false,
});

describe('Cluster predicates', () => {
  const running = cluster('c');
  const paused = cluster('c', { paused: true });
  const provisioned = cluster('c', {}, { initialization: { infrastructureProvisioned: true } });

  it('clusterPausedTransitions passes updates that pause or unpause, nothing else', () => {
    expect(clusterPausedTransitions(updated(running, paused))).toBe(true);
    expect(clusterPausedTransitions(updated(paused, running))).toBe(true);
    expect(clusterPausedTransitions(updated(running, provisioned))).toBe(false);
    expect(clusterPausedTransitions({ type: 'added', object: paused, initial: false })).toBe(false);
    expect(clusterPausedTransitions({ type: 'deleted', object: paused, initial: false })).toBe(false);
    expect(clusterPausedTransitions({ type: 'updated', object: paused, initial: false })).toBe(false);
  });

  it('clusterInfrastructureProvisioned passes the update that provisions the infrastructure', () => {
    expect(clusterInfrastructureProvisioned(updated(running, provisioned))).toBe(true);
    expect(clusterInfrastructureProvisioned(updated(provisioned, provisioned))).toBe(false);
    expect(clusterInfrastructureProvisioned(updated(provisioned, running))).toBe(false);
    expect(clusterInfrastructureProvisioned({ type: 'added', object: provisioned, initial: true })).toBe(false);
  });

  it('clusterPausedTransitionsOrInfrastructureProvisioned passes either', () => {
    expect(clusterPausedTransitionsOrInfrastructureProvisioned(updated(running, paused))).toBe(true);
    expect(clusterPausedTransitionsOrInfrastructureProvisioned(updated(running, provisioned))).toBe(true);
    expect(clusterPausedTransitionsOrInfrastructureProvisioned(updated(running, running))).toBe(false);
  });
});

describe('request mappers', () => {
  const machine = (apiGroup: string, kind: string): Machine => ({
    metadata: { name: 'm', namespace: 'ns' },
    spec: { clusterName: 'c', bootstrap: {}, infrastructureRef: { apiGroup, kind, name: 'infra-m' } },
  });

  it('maps a Machine to its infrastructure machine when it is of the kind, whatever the version', () => {
    expect(machineToInfrastructure(TestMachine)(machine(GROUP, 'TestMachine'))).toEqual([
      { namespace: 'ns', name: 'infra-m' },
    ]);
    expect(machineToInfrastructure(TestMachine)(machine(GROUP, 'OtherMachine'))).toEqual([]);
    expect(machineToInfrastructure(TestMachine)(machine('infrastructure.cluster.x-k8s.io', 'TestMachine'))).toEqual([]);
  });

  it('maps a Cluster to its infrastructure cluster', () => {
    const ref = { apiGroup: GROUP, kind: 'TestCluster', name: 'infra-c' };
    expect(clusterToInfrastructure(TestCluster)(cluster('c', { infrastructureRef: ref }))).toEqual([
      { namespace: 'ns', name: 'infra-c' },
    ]);
    expect(clusterToInfrastructure(TestCluster)(cluster('c'))).toEqual([]);
  });

  it('maps a Cluster to the cached objects labelled with its name, in its namespace', () => {
    const store = new IndexedStore<KubeObject>(() => {});
    const labelled = (name: string, namespace: string, clusterName: string) =>
      store.upsert({ metadata: { name, namespace, labels: { [CapiLabel.clusterName]: clusterName } } });
    labelled('a', 'ns', 'c');
    labelled('b', 'ns', 'c');
    labelled('other-cluster', 'ns', 'd');
    labelled('other-namespace', 'elsewhere', 'c');
    const source = { informerFor: () => store } as unknown as InformerSource;
    const requests = clusterToObjects(source, TestMachine)(cluster('c'));
    expect(requests.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { namespace: 'ns', name: 'a' },
      { namespace: 'ns', name: 'b' },
    ]);
  });
});

describe('declaresField', () => {
  it('follows declared properties and stops at preserved unknown fields', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        status: { type: 'object' as const, properties: { ready: { type: 'boolean' as const } } },
        spec: { type: 'object' as const, 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
    expect(declaresField(schema, ['status', 'ready'])).toBe(true);
    expect(declaresField(schema, ['status', 'initialization', 'provisioned'])).toBe(false);
    expect(declaresField(schema, ['spec', 'anything', 'deep'])).toBe(true);
  });
});

describe('machine scope', () => {
  const owner: Machine = {
    metadata: { name: 'm', namespace: 'ns', labels: { [CapiLabel.controlPlane]: '' } },
    spec: { clusterName: 'c', bootstrap: {}, infrastructureRef: { apiGroup: GROUP, kind: 'TestMachine', name: 'm' } },
  };
  const scopeOf = (object: KubeObject, options: Partial<ScopeInput<KubeObject>> = {}) =>
    machineScope(
      {
        object,
        cluster: cluster('c'),
        client: {} as KubeClient,
        reader: { get: async () => undefined },
        logger: silentLogger(),
        signal: new AbortController().signal,
        layout: ConditionLayouts.v1beta2,
        v1beta1Ready: true,
        checkField: () => {},
        ...options,
      },
      owner,
    );

  it('writes the contract fields into the working copy', () => {
    const object: KubeObject = { metadata: { name: 'm', namespace: 'ns', generation: 3 } };
    const scope = scopeOf(object);
    expect(scope.controlPlane).toBe(true);
    scope.setProviderID('test://m');
    scope.setAddresses([{ type: 'Hostname', address: 'm' }]);
    scope.setFailureDomain('zone-a');
    scope.setProvisioned();
    scope.setCondition({ type: 'InstanceProvisioned', status: 'True', reason: 'Provisioned' });
    expect(object).toMatchObject({
      spec: { providerID: 'test://m' },
      status: {
        initialization: { provisioned: true },
        ready: true,
        addresses: [{ type: 'Hostname', address: 'm' }],
        failureDomain: 'zone-a',
      },
    });
    expect(getCondition(object, 'InstanceProvisioned')).toMatchObject({ status: 'True', observedGeneration: 3 });

    scope.setAddresses([]);
    scope.setFailureDomain(undefined);
    expect(object.status).toEqual(expect.not.objectContaining({ addresses: expect.anything() }));
    expect(object.status).toEqual(expect.not.objectContaining({ failureDomain: expect.anything() }));
  });

  it('leaves status.ready alone when the v1beta1 field is disabled', () => {
    const object: KubeObject = { metadata: { name: 'm' } };
    scopeOf(object, { v1beta1Ready: false }).setProvisioned();
    expect(object).toEqual({ metadata: { name: 'm' }, status: { initialization: { provisioned: true } } });
  });

  it('rejects a malformed providerID and fields the schema would drop', () => {
    const object: KubeObject = { metadata: { name: 'm' } };
    expect(() => scopeOf(object).setProviderID('no-scheme')).toThrow('"no-scheme" is not a valid providerID');
    const refusing = scopeOf(object, {
      checkField: (path) => {
        if (path.join('.') === 'status.failureDomain') throw new Error('no status.failureDomain');
      },
    });
    expect(() => refusing.setFailureDomain('zone-a')).toThrow('no status.failureDomain');
  });

  it('reads bootstrap data only when asked, and only once it is named', async () => {
    const scope = scopeOf({ metadata: { name: 'm' } });
    await expect(scope.bootstrapData()).rejects.toThrow('Machine m has no spec.bootstrap.dataSecretName yet');
  });
});

describe('infraMachineController options', () => {
  const manager = {
    client: {} as KubeClient,
    cache: {} as InformerSource,
    registry: new Registry(),
    logger: silentLogger(),
  };
  const backend = { reconcileNormal: async () => {}, reconcileDelete: async () => {} };
  const withStatus = (status: z.ZodObject) =>
    defineResource({
      group: GROUP,
      version: 'v1alpha1',
      kind: 'PartialMachine',
      plural: 'partialmachines',
      scope: 'Namespaced',
      spec: infraMachineSpec,
      status,
    });

  it('refuses a kind whose schema would drop a field the contract writes', () => {
    const noReady = withStatus(infraMachineStatus.omit({ ready: true }));
    expect(() => infraMachineController({ manager, type: noReady, backend, finalizer: 'f' })).toThrow(
      'PartialMachine: its schema has no status.ready',
    );
    expect(() =>
      infraMachineController({ manager, type: noReady, backend, finalizer: 'f', v1beta1Ready: false }),
    ).not.toThrow();
    const noProvisioned = withStatus(z.object({ ready: z.boolean().optional(), conditions: z.array(z.unknown()) }));
    expect(() => infraMachineController({ manager, type: noProvisioned, backend, finalizer: 'f' })).toThrow(
      'no status.initialization.provisioned',
    );
  });

  it('accepts kinds without a schema, and checks the condition options', () => {
    const plain = resourceType(`${GROUP}/v1alpha1`, 'PlainMachine', 'plainmachines', true);
    expect(() => infraMachineController({ manager, type: plain, backend, finalizer: 'f' })).not.toThrow();
    expect(() =>
      infraMachineController({
        manager,
        type: plain,
        backend,
        finalizer: 'f',
        name: 'ready',
        readyConditions: ['Ready'],
      }),
    ).toThrow('readyConditions must name at least one condition other than Ready');
    expect(() => infraMachineController({ manager, type: plain, backend, finalizer: '', name: 'nofinalizer' })).toThrow(
      'a finalizer name is required',
    );
  });
});
