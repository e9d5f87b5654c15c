import { describe, expect, it } from 'vitest';
import type { CacheEvent } from '../../src/cache/types.js';
import type { KubeObject, ObjectMeta } from '../../src/client/object.js';
import { predicates } from '../../src/controller/index.js';

const meta = (m: Partial<ObjectMeta> = {}): KubeObject => ({ metadata: { name: 'o', namespace: 'ns', ...m } });
const added = (m: Partial<ObjectMeta> = {}): CacheEvent => ({ type: 'added', object: meta(m), initial: false });
const deleted = (m: Partial<ObjectMeta> = {}): CacheEvent => ({ type: 'deleted', object: meta(m), initial: false });
const updated = (before: Partial<ObjectMeta>, after: Partial<ObjectMeta>): CacheEvent => ({
  type: 'updated',
  object: meta(after),
  oldObject: meta(before),
  initial: false,
});

describe('change predicates', () => {
  it('generationChanged passes creates, deletes and spec changes, not status or metadata updates', () => {
    const p = predicates.generationChanged;
    expect(p(added({ generation: 1 }))).toBe(true);
    expect(p(deleted({ generation: 1 }))).toBe(true);
    expect(p(updated({ generation: 1 }, { generation: 2 }))).toBe(true);
    expect(p(updated({ generation: 2, resourceVersion: '1' }, { generation: 2, resourceVersion: '2' }))).toBe(false);
    expect(p({ type: 'updated', object: meta({ generation: 2 }), initial: false })).toBe(true);
  });

  it('resourceVersionChanged filters resyncs', () => {
    expect(predicates.resourceVersionChanged(updated({ resourceVersion: '5' }, { resourceVersion: '5' }))).toBe(false);
    expect(predicates.resourceVersionChanged(updated({ resourceVersion: '5' }, { resourceVersion: '6' }))).toBe(true);
  });

  it('labelsChanged and annotationsChanged compare the maps, not their order', () => {
    expect(predicates.labelsChanged(updated({ labels: { a: '1', b: '2' } }, { labels: { b: '2', a: '1' } }))).toBe(
      false,
    );
    expect(predicates.labelsChanged(updated({ labels: { a: '1' } }, { labels: { a: '2' } }))).toBe(true);
    expect(predicates.labelsChanged(updated({}, { labels: { a: '1' } }))).toBe(true);
    expect(predicates.labelsChanged(updated({}, { labels: {} }))).toBe(false);
    expect(predicates.labelsChanged(updated({ labels: { a: '' } }, { labels: { b: '' } }))).toBe(true);
    expect(predicates.annotationsChanged(updated({ annotations: { x: 'y' } }, { annotations: { x: 'y' } }))).toBe(
      false,
    );
    expect(predicates.annotationsChanged(updated({ annotations: { x: 'y' } }, {}))).toBe(true);
    expect(predicates.annotationsChanged(added())).toBe(true);
  });
});

describe('filter predicates', () => {
  it('labelSelector matches the (new) object in string and record form, and rejects bad selectors', () => {
    const web = predicates.labelSelector('app=web,tier notin (db)');
    expect(web(added({ labels: { app: 'web' } }))).toBe(true);
    expect(web(added({ labels: { app: 'web', tier: 'db' } }))).toBe(false);
    expect(web(updated({ labels: { app: 'web' } }, { labels: { app: 'api' } }))).toBe(false);
    expect(predicates.labelSelector({ app: 'web' })(added({ labels: { app: 'web' } }))).toBe(true);
    expect(() => predicates.labelSelector('app in ()')).toThrow(/invalid label selector/);
  });

  it('resourceNotPaused drops objects with the paused annotation, whatever its value', () => {
    const paused = { annotations: { 'cluster.x-k8s.io/paused': '' } };
    expect(predicates.resourceNotPaused(added(paused))).toBe(false);
    expect(predicates.resourceNotPaused(deleted(paused))).toBe(false);
    expect(predicates.resourceNotPaused(updated({}, paused))).toBe(false);
    expect(predicates.resourceNotPaused(updated(paused, {}))).toBe(true);
    expect(predicates.resourceNotPaused(added({ annotations: { other: 'x' } }))).toBe(true);
  });

  it('resourceHasFilterLabel keeps only the configured shard, or everything without one', () => {
    const shard = { labels: { 'cluster.x-k8s.io/watch-filter': 'team-a' } };
    expect(predicates.resourceHasFilterLabel('team-a')(added(shard))).toBe(true);
    expect(predicates.resourceHasFilterLabel('team-b')(added(shard))).toBe(false);
    expect(predicates.resourceHasFilterLabel('team-a')(added())).toBe(false);
    expect(predicates.resourceHasFilterLabel('')(added())).toBe(true);
    expect(predicates.resourceHasFilterLabel(undefined)(added())).toBe(true);
  });
});

describe('combinators', () => {
  const yes = () => true;
  const no = () => false;
  it('and, or, not', () => {
    const event = added();
    expect(predicates.and(yes, yes)(event)).toBe(true);
    expect(predicates.and(yes, no)(event)).toBe(false);
    expect(predicates.and()(event)).toBe(true);
    expect(predicates.or(no, yes)(event)).toBe(true);
    expect(predicates.or(no, no)(event)).toBe(false);
    expect(predicates.or()(event)).toBe(false);
    expect(predicates.not(no)(event)).toBe(true);
    const changedAndNotPaused = predicates.and(predicates.generationChanged, predicates.resourceNotPaused);
    expect(changedAndNotPaused(updated({ generation: 1 }, { generation: 2 }))).toBe(true);
    expect(
      changedAndNotPaused(
        updated({ generation: 1 }, { generation: 2, annotations: { 'cluster.x-k8s.io/paused': 'true' } }),
      ),
    ).toBe(false);
  });
});
