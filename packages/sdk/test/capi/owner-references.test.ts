import { describe, expect, it } from 'vitest';
import {
  capiTypes,
  controllerReferenceOf,
  controllerReferenceTo,
  ensureOwnerReference,
  groupOf,
  hasExactOwnerReference,
  hasOwner,
  hasOwnerReference,
  isControlledBy,
  isOwnedBy,
  ownerReferenceTo,
  removeOwnerReference,
} from '../../src/capi/index.js';
import type { KubeObject, OwnerReference } from '../../src/index.js';

const clusterV1beta1: OwnerReference = {
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'Cluster',
  name: 'c1',
  uid: 'u1',
};
const clusterV1beta2: OwnerReference = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  name: 'c1',
  uid: 'u2',
};
const machine: OwnerReference = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  name: 'm1',
  uid: 'u3',
  controller: true,
};

describe('owner references (Cluster API util)', () => {
  it('takes the group from an apiVersion', () => {
    expect(groupOf('cluster.x-k8s.io/v1beta2')).toBe('cluster.x-k8s.io');
    expect(groupOf('v1')).toBe('');
  });

  it('builds references from objects, with the type for objects read without apiVersion/kind', () => {
    const owner: KubeObject = { metadata: { name: 'c1', namespace: 'ns', uid: 'u1' } };
    expect(ownerReferenceTo(owner, { type: capiTypes.cluster })).toEqual({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      name: 'c1',
      uid: 'u1',
    });
    expect(controllerReferenceTo({ ...owner, apiVersion: 'x.io/v1', kind: 'Thing' })).toEqual({
      apiVersion: 'x.io/v1',
      kind: 'Thing',
      name: 'c1',
      uid: 'u1',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(() => ownerReferenceTo(owner)).toThrow(/pass its type/);
    expect(() => ownerReferenceTo({ metadata: { name: 'x' } }, { type: capiTypes.cluster })).toThrow(/uid/);
  });

  it('matches references by group, kind and name, ignoring version and UID', () => {
    expect(hasOwnerReference([clusterV1beta1], clusterV1beta2)).toBe(true);
    expect(hasOwnerReference([clusterV1beta1], { ...clusterV1beta2, name: 'c2' })).toBe(false);
    expect(hasOwnerReference([clusterV1beta1], { ...clusterV1beta2, apiVersion: 'other.io/v1beta2' })).toBe(false);
    expect(hasOwnerReference(undefined, clusterV1beta2)).toBe(false);
    expect(hasExactOwnerReference([clusterV1beta1], clusterV1beta2)).toBe(false);
    expect(hasExactOwnerReference([clusterV1beta2], { ...clusterV1beta2 })).toBe(true);
    expect(hasExactOwnerReference([clusterV1beta2], { ...clusterV1beta2, controller: true })).toBe(false);
  });

  it('ensures a reference: replaces the same object (new version and UID) or appends, without changing the input', () => {
    const refs = [clusterV1beta1, machine];
    const updated = ensureOwnerReference(refs, clusterV1beta2);
    expect(updated).toEqual([clusterV1beta2, machine]);
    expect(refs).toEqual([clusterV1beta1, machine]);
    const other = { ...clusterV1beta2, name: 'c2' };
    expect(ensureOwnerReference(refs, other)).toEqual([clusterV1beta1, machine, other]);
    expect(ensureOwnerReference(undefined, other)).toEqual([other]);
  });

  it('removes a reference by group, kind and name', () => {
    expect(removeOwnerReference([clusterV1beta1, machine], clusterV1beta2)).toEqual([machine]);
    expect(removeOwnerReference([machine], clusterV1beta2)).toEqual([machine]);
  });

  it('checks owners by group and kinds', () => {
    expect(hasOwner([machine], 'cluster.x-k8s.io/v1beta1', ['Machine', 'MachinePool'])).toBe(true);
    expect(hasOwner([machine], 'cluster.x-k8s.io/v1beta1', ['MachinePool'])).toBe(false);
    expect(hasOwner([machine], 'infrastructure.cluster.x-k8s.io/v1beta1', ['Machine'])).toBe(false);
  });

  it('finds the controller and checks ownership by group, kind and name', () => {
    const object: KubeObject = { metadata: { ownerReferences: [clusterV1beta1, machine] } };
    const machineObject: KubeObject = { metadata: { name: 'm1', uid: 'different-uid' } };
    const clusterObject: KubeObject = { metadata: { name: 'c1' } };
    const machineKind = { group: 'cluster.x-k8s.io', kind: 'Machine' };
    const clusterKind = { group: 'cluster.x-k8s.io', kind: 'Cluster' };
    expect(controllerReferenceOf(object)).toBe(machine);
    expect(isControlledBy(object, machineObject, machineKind)).toBe(true);
    expect(isControlledBy(object, clusterObject, clusterKind)).toBe(false);
    expect(isOwnedBy(object, clusterObject, clusterKind)).toBe(true);
    expect(isOwnedBy(object, { metadata: { name: 'c2' } }, clusterKind)).toBe(false);
    expect(controllerReferenceOf({ metadata: {} })).toBeUndefined();
  });
});
