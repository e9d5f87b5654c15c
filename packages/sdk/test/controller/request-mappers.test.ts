import { describe, expect, it } from 'vitest';
import type { CacheEvent } from '../../src/cache/types.js';
import type { KubeObject, OwnerReference } from '../../src/client/object.js';
import {
  requestFor,
  requestFromKey,
  requestKey,
  requestsForObject,
  requestsForOwner,
  requestsFromMap,
} from '../../src/controller/index.js';
import { parentType } from './fixtures.js';

const owner = (ref: Partial<OwnerReference>): OwnerReference => ({
  apiVersion: 'example.com/v1',
  kind: 'Parent',
  name: 'p',
  uid: 'uid',
  controller: true,
  ...ref,
});
const child = (ownerReferences: OwnerReference[], namespace = 'ns'): KubeObject => ({
  metadata: { name: 'c', namespace, ownerReferences },
});
const added = (object: KubeObject): CacheEvent => ({ type: 'added', object, initial: false });

describe('request keys', () => {
  it('round-trip namespaced and cluster-scoped requests', () => {
    expect(requestKey({ namespace: 'ns', name: 'a' })).toBe('ns/a');
    expect(requestKey({ name: 'a' })).toBe('a');
    expect(requestFromKey('ns/a')).toEqual({ namespace: 'ns', name: 'a' });
    expect(requestFromKey('a')).toEqual({ name: 'a' });
    expect(requestFor({ metadata: { name: 'n' } })).toEqual({ name: 'n' });
    expect(() => requestFor({ metadata: {} })).toThrow(/without metadata.name/);
  });
});

describe('requestsForObject', () => {
  it('enqueues the new state of the object', () => {
    const event: CacheEvent = {
      type: 'updated',
      object: { metadata: { name: 'a', namespace: 'ns' } },
      oldObject: { metadata: { name: 'a', namespace: 'ns' } },
      initial: false,
    };
    expect(requestsForObject(event)).toEqual([{ namespace: 'ns', name: 'a' }]);
  });
});

describe('requestsForOwner', () => {
  const toParent = requestsForOwner(parentType);

  it('maps to the controller owner of the for kind, matched on group and kind only', () => {
    expect(toParent(added(child([owner({})])))).toEqual([{ namespace: 'ns', name: 'p' }]);
    expect(toParent(added(child([owner({ apiVersion: 'example.com/v1beta9' })])))).toEqual([
      { namespace: 'ns', name: 'p' },
    ]);
  });

  it('ignores plain owners, other kinds and other groups', () => {
    expect(toParent(added(child([owner({ controller: false })])))).toEqual([]);
    expect(toParent(added(child([owner({ controller: undefined })])))).toEqual([]);
    expect(toParent(added(child([owner({ kind: 'Cluster' })])))).toEqual([]);
    expect(toParent(added(child([owner({ apiVersion: 'other.io/v1' })])))).toEqual([]);
    expect(toParent(added(child([])))).toEqual([]);
  });

  it('enqueues both the old and the new owner when an update moves the object', () => {
    const event: CacheEvent = {
      type: 'updated',
      object: child([owner({ name: 'new' })]),
      oldObject: child([owner({ name: 'old' })]),
      initial: false,
    };
    expect(toParent(event)).toEqual([
      { namespace: 'ns', name: 'new' },
      { namespace: 'ns', name: 'old' },
    ]);
  });

  it('leaves out the namespace for cluster-scoped owners and matches the core group', () => {
    const toNamespace = requestsForOwner({ group: '', kind: 'Namespace', namespaced: false });
    expect(toNamespace(added(child([owner({ apiVersion: 'v1', kind: 'Namespace', name: 'team' })])))).toEqual([
      { name: 'team' },
    ]);
  });
});

describe('requestsFromMap', () => {
  it('maps old and new state, without duplicates', () => {
    const byLabel = requestsFromMap((object: KubeObject) =>
      object.metadata.labels?.target ? [{ namespace: 'ns', name: object.metadata.labels.target }] : [],
    );
    const event: CacheEvent = {
      type: 'updated',
      object: { metadata: { name: 'x', labels: { target: 'b' } } },
      oldObject: { metadata: { name: 'x', labels: { target: 'a' } } },
      initial: false,
    };
    expect(byLabel(event)).toEqual([
      { namespace: 'ns', name: 'b' },
      { namespace: 'ns', name: 'a' },
    ]);
    const same: CacheEvent = { ...event, oldObject: event.object };
    expect(byLabel(same)).toEqual([{ namespace: 'ns', name: 'b' }]);
  });
});
