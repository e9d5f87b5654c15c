import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CacheEvent, type KubeObject, relistDiff, storeKeyOf } from '../../src/index.js';
import { object } from './fixtures.js';

const byKey = (...objects: KubeObject[]) => new Map(objects.map((o) => [storeKeyOf(o), o]));
const summary = (events: CacheEvent[]) => events.map((e) => `${e.type} ${storeKeyOf(e.object)}`);

describe('relistDiff', () => {
  it('emits deleted for vanished, updated for changed, added for new objects; nothing for unchanged', () => {
    const current = byKey(object('a', 'kept', '1'), object('a', 'changed', '1'), object('a', 'vanished', '1'));
    const next = byKey(object('a', 'kept', '1'), object('a', 'changed', '2'), object('b', 'new', '3'));
    const events = relistDiff(current, next);
    expect(summary(events)).toEqual(['deleted a/vanished', 'updated a/changed', 'added b/new']);
    expect(events.every((e) => e.initial)).toBe(true);
    const updated = events[1]!;
    expect(updated.oldObject).toBe(current.get('a/changed'));
    expect(updated.object).toBe(next.get('a/changed'));
    expect(events[0]!.object).toBe(current.get('a/vanished'));
  });

  it('reports an object recreated under the same name as deleted then added', () => {
    const current = byKey(object('a', 'x', '1', { uid: 'old' }));
    const next = byKey(object('a', 'x', '5', { uid: 'new' }));
    expect(summary(relistDiff(current, next))).toEqual(['deleted a/x', 'added a/x']);
  });

  it('turns any store into any other: replaying the events on current yields next', () => {
    const state = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      fc.record({ rv: fc.constantFrom('1', '2', '3'), uid: fc.constantFrom('u1', 'u2') }),
    );
    fc.assert(
      fc.property(state, state, (before, after) => {
        const toMap = (s: typeof before) =>
          byKey(...Object.entries(s).map(([name, { rv, uid }]) => object('ns', name, rv, { uid })));
        const current = toMap(before);
        const next = toMap(after);
        const replayed = new Map(current);
        for (const event of relistDiff(current, next)) {
          const key = storeKeyOf(event.object);
          if (event.type === 'deleted') replayed.delete(key);
          else replayed.set(key, event.object);
        }
        expect([...replayed.entries()].sort()).toEqual([...next.entries()].sort());
      }),
    );
  });
});
