import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_NAME_LABEL, IndexedStore, type KubeObject, StandardIndex, storeKeyOf } from '../../src/index.js';
import { object } from './fixtures.js';

function newStore() {
  const indexErrors: string[] = [];
  const store = new IndexedStore<KubeObject>((index, key) => indexErrors.push(`${index}:${key}`));
  return { store, indexErrors };
}

const names = (objects: readonly KubeObject[]) => objects.map((o) => o.metadata.name).sort();

describe('IndexedStore', () => {
  it('keys objects by namespace/name and by name for cluster-scoped kinds', () => {
    const { store } = newStore();
    store.upsert(object('ns1', 'a', '1'));
    store.upsert(object(undefined, 'global', '1'));
    expect(store.get({ namespace: 'ns1', name: 'a' })?.metadata.name).toBe('a');
    expect(store.get({ name: 'a' })).toBeUndefined();
    expect(store.get({ name: 'global' })?.metadata.name).toBe('global');
    expect(store.size).toBe(2);
  });

  it('keeps the namespace, owner UID and cluster-name indexes', () => {
    const { store } = newStore();
    store.upsert(object('ns1', 'a', '1', { owners: ['o1', 'o2'], labels: { [CLUSTER_NAME_LABEL]: 'c1' } }));
    store.upsert(object('ns1', 'b', '1', { owners: ['o2'] }));
    store.upsert(object('ns2', 'c', '1', { labels: { [CLUSTER_NAME_LABEL]: 'c1' } }));
    expect(names(store.byIndex(StandardIndex.namespace, 'ns1'))).toEqual(['a', 'b']);
    expect(names(store.byIndex(StandardIndex.ownerUid, 'o2'))).toEqual(['a', 'b']);
    expect(names(store.byIndex(StandardIndex.ownerUid, 'o1'))).toEqual(['a']);
    expect(names(store.byIndex(StandardIndex.clusterName, 'ns1/c1'))).toEqual(['a']);
    expect(names(store.byIndex(StandardIndex.clusterName, 'ns2/c1'))).toEqual(['c']);
    expect(store.byIndex(StandardIndex.ownerUid, 'nobody')).toEqual([]);
  });

  it('moves objects between index values on update and drops them on delete', () => {
    const { store } = newStore();
    store.upsert(object('ns', 'a', '1', { owners: ['o1'] }));
    store.upsert(object('ns', 'a', '2', { owners: ['o2'] }));
    expect(store.byIndex(StandardIndex.ownerUid, 'o1')).toEqual([]);
    expect(names(store.byIndex(StandardIndex.ownerUid, 'o2'))).toEqual(['a']);
    store.remove(object('ns', 'a', '3', { owners: ['o2'] }));
    expect(store.byIndex(StandardIndex.ownerUid, 'o2')).toEqual([]);
    expect(store.byIndex(StandardIndex.namespace, 'ns')).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('adds custom indexes before and after objects arrive', () => {
    const { store } = newStore();
    store.upsert(object('ns', 'a', '1', { labels: { role: 'db' } }));
    store.addIndex('role', (o) => (o.metadata.labels?.role ? [o.metadata.labels.role] : []));
    store.upsert(object('ns', 'b', '1', { labels: { role: 'db' } }));
    expect(names(store.byIndex('role', 'db'))).toEqual(['a', 'b']);
    expect(() => store.addIndex('role', () => [])).toThrow('already exists');
    expect(() => store.byIndex('nope', 'x')).toThrow('does not exist');
  });

  it('reports a throwing index function and still stores the object', () => {
    const { store, indexErrors } = newStore();
    store.addIndex('broken', () => {
      throw new Error('boom');
    });
    store.upsert(object('ns', 'a', '1'));
    expect(store.get({ namespace: 'ns', name: 'a' })).toBeDefined();
    expect(indexErrors).toEqual(['broken:ns/a']);
  });

  it('lists by namespace and label selector, in string or record form', () => {
    const { store } = newStore();
    store.upsert(object('ns1', 'web', '1', { labels: { app: 'web', tier: 'front' } }));
    store.upsert(object('ns1', 'db', '1', { labels: { app: 'db' } }));
    store.upsert(object('ns2', 'web', '1', { labels: { app: 'web' } }));
    expect(store.list()).toHaveLength(3);
    expect(names(store.list({ namespace: 'ns1' }))).toEqual(['db', 'web']);
    expect(store.list({ namespace: 'ns1', labelSelector: { app: 'web' } })).toHaveLength(1);
    expect(store.list({ labelSelector: 'app=web' })).toHaveLength(2);
    expect(names(store.list({ labelSelector: '!tier' }))).toEqual(['db', 'web']);
    expect(store.list({ labelSelector: 'app in (web,db),tier' })).toHaveLength(1);
    expect(store.list({ namespace: 'ns3' })).toEqual([]);
  });

  it('deep-freezes what it stores: a reader cannot change the shared object', () => {
    const { store } = newStore();
    store.upsert(object('ns', 'a', '1', { labels: { app: 'web' }, data: { k: 'v' } }));
    const stored = store.get({ namespace: 'ns', name: 'a' })! as KubeObject & { data: Record<string, string> };
    expect(() => {
      stored.metadata.labels!.app = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      stored.data.k = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (stored as { extra?: number }).extra = 1;
    }).toThrow(TypeError);
    expect(stored.metadata.labels!.app).toBe('web');
  });

  it('hands out the stored reference, never a copy', () => {
    const { store } = newStore();
    const original = object('ns', 'a', '1');
    const event = store.upsert(original)!;
    expect(event.object).toBe(original);
    expect(store.get({ namespace: 'ns', name: 'a' })).toBe(original);
    expect(store.list()[0]).toBe(original);
    expect(store.byIndex(StandardIndex.namespace, 'ns')[0]).toBe(original);
  });

  it('ignores an update that carries the resourceVersion already stored', () => {
    const { store } = newStore();
    expect(store.upsert(object('ns', 'a', '1'))?.type).toBe('added');
    expect(store.upsert(object('ns', 'a', '1'))).toBeUndefined();
    const updated = store.upsert(object('ns', 'a', '2'))!;
    expect(updated.type).toBe('updated');
    expect(updated.oldObject?.metadata.resourceVersion).toBe('1');
    expect(updated.initial).toBe(false);
    expect(store.remove(object('ns', 'missing', '3'))).toBeUndefined();
  });

  it('replaces its content on relist, keeps unchanged references and re-indexes the rest', () => {
    const { store } = newStore();
    store.replace([object('ns', 'kept', '1', { owners: ['o'] }), object('ns', 'gone', '1', { owners: ['o'] })]);
    const kept = store.get({ namespace: 'ns', name: 'kept' });
    const events = store.replace([
      object('ns', 'kept', '1', { owners: ['o'] }),
      object('ns', 'new', '2', { owners: ['o2'] }),
    ]);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['deleted gone', 'added new']);
    expect(store.get({ namespace: 'ns', name: 'kept' })).toBe(kept);
    expect(store.get({ namespace: 'ns', name: 'gone' })).toBeUndefined();
    expect(names(store.byIndex(StandardIndex.ownerUid, 'o'))).toEqual(['kept']);
    expect(names(store.byIndex(StandardIndex.ownerUid, 'o2'))).toEqual(['new']);
    expect(Object.isFrozen(store.get({ namespace: 'ns', name: 'new' }))).toBe(true);
  });

  it('agrees with a plain map under any sequence of writes, handing out the written references', () => {
    const spec = fc.record({
      namespace: fc.constantFrom('n1', 'n2'),
      name: fc.constantFrom('a', 'b', 'c'),
      rv: fc.constantFrom('1', '2', '3'),
      owner: fc.constantFrom('o1', 'o2'),
      app: fc.constantFrom('web', 'db'),
    });
    type Spec = { namespace: string; name: string; rv: string; owner: string; app: string };
    const build = (o: Spec) =>
      object(o.namespace, o.name, o.rv, { owners: [o.owner], labels: { app: o.app }, uid: `uid-${o.name}` });
    const operation = fc.oneof(
      fc.record({ op: fc.constant('upsert' as const), spec }),
      fc.record({ op: fc.constant('remove' as const), spec }),
      fc.record({ op: fc.constant('replace' as const), specs: fc.array(spec, { maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
        const { store } = newStore();
        const model = new Map<string, KubeObject>();
        for (const operation of operations) {
          if (operation.op === 'upsert') {
            const o = build(operation.spec);
            const old = model.get(storeKeyOf(o));
            if (old?.metadata.resourceVersion !== o.metadata.resourceVersion) model.set(storeKeyOf(o), o);
            store.upsert(o);
          } else if (operation.op === 'remove') {
            const o = build(operation.spec);
            model.delete(storeKeyOf(o));
            store.remove(o);
          } else {
            const objects = operation.specs.map(build);
            const next = new Map<string, KubeObject>();
            for (const o of objects) {
              const old = model.get(storeKeyOf(o));
              next.set(
                storeKeyOf(o),
                old !== undefined && old.metadata.resourceVersion === o.metadata.resourceVersion ? old : o,
              );
            }
            model.clear();
            for (const [k, v] of next) model.set(k, v);
            store.replace(objects);
          }
          expect(store.size).toBe(model.size);
          for (const [key, o] of model) {
            const [namespace, name] = key.split('/') as [string, string];
            expect(store.get({ namespace, name })).toBe(o);
            expect(Object.isFrozen(o.metadata.labels)).toBe(true);
          }
          const byKey = (objects: readonly KubeObject[]) =>
            [...objects].sort((x, y) => storeKeyOf(x).localeCompare(storeKeyOf(y)));
          const modelWhere = (test: (o: KubeObject) => boolean) => byKey([...model.values()].filter(test));
          for (const owner of ['o1', 'o2']) {
            expect(byKey(store.byIndex(StandardIndex.ownerUid, owner))).toEqual(
              modelWhere((o) => o.metadata.ownerReferences?.[0]?.uid === owner),
            );
          }
          expect(byKey(store.list({ namespace: 'n1', labelSelector: 'app=web' }))).toEqual(
            modelWhere((o) => o.metadata.namespace === 'n1' && o.metadata.labels?.app === 'web'),
          );
        }
      }),
    );
  });
});

describe('IndexedStore managed fields', () => {
  const withManagedFields = () => ({
    metadata: {
      name: 'm',
      namespace: 'ns',
      resourceVersion: '1',
      managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }],
    },
    spec: { size: 1 },
  });

  it('drops metadata.managedFields by default and keeps them when asked', () => {
    const lean = new IndexedStore<KubeObject>(() => undefined);
    lean.upsert(withManagedFields());
    expect(lean.get({ namespace: 'ns', name: 'm' })?.metadata.managedFields).toBeUndefined();
    expect(lean.get({ namespace: 'ns', name: 'm' })?.spec).toEqual({ size: 1 });

    const full = new IndexedStore<KubeObject>(() => undefined, true);
    full.upsert(withManagedFields());
    expect(full.get({ namespace: 'ns', name: 'm' })?.metadata.managedFields).toHaveLength(1);
  });
});
