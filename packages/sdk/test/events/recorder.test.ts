import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/client/builtin.js';
import { ApiError } from '../../src/client/errors.js';
import type { KubeObject } from '../../src/client/object.js';
import { EventCorrelator } from '../../src/events/correlation.js';
import { EventNamer } from '../../src/events/event-name.js';
import { MAX_EVENT_MESSAGE_LENGTH, truncateEventMessage } from '../../src/events/message.js';
import { EventRecorder, type EventRecorderOptions } from '../../src/events/recorder.js';
import { silentLogger } from '../../src/log/logger.js';

const subject: KubeObject = {
  apiVersion: 'example.dev/v1',
  kind: 'Widget',
  metadata: { namespace: 'ns', name: 'w1', uid: 'uid-1', resourceVersion: '7' },
};

/** A client that keeps the Events it is asked to write; `failWith` makes the next writes fail. */
function fakeClient() {
  const created: KubeEvent[] = [];
  const patches: Array<{ name: string; patch: unknown }> = [];
  const state = { failWith: undefined as unknown, deleted: new Set<string>() };
  const client: EventRecorderOptions['client'] = {
    create: (async (_type: unknown, object: KubeEvent) => {
      if (state.failWith) throw state.failWith;
      created.push(object);
      return object;
    }) as EventRecorderOptions['client']['create'],
    mergePatch: (async (_type: unknown, key: { name: string }, patch: unknown) => {
      if (state.deleted.has(key.name)) throw new ApiError(404, 'NotFound', 'gone', {});
      patches.push({ name: key.name, patch });
      return {};
    }) as EventRecorderOptions['client']['mergePatch'],
  };
  return { client, created, patches, state };
}

function recorder(client: EventRecorderOptions['client'], clock: { ms: number }) {
  return new EventRecorder({ client, component: 'widget-controller', logger: silentLogger(), now: () => clock.ms });
}

describe('EventRecorder', () => {
  it('writes a core/v1 Event naming the object, its source and one occurrence', async () => {
    const fake = fakeClient();
    const events = recorder(fake.client, { ms: Date.parse('2026-01-02T03:04:05.678Z') });
    events.normal(subject, 'Created', 'created the widget');
    await events.flush();
    expect(fake.created).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { namespace: 'ns', name: expect.stringMatching(/^w1\.[0-9a-f]{16}$/) },
        involvedObject: {
          apiVersion: 'example.dev/v1',
          kind: 'Widget',
          name: 'w1',
          namespace: 'ns',
          uid: 'uid-1',
          resourceVersion: '7',
        },
        reason: 'Created',
        message: 'created the widget',
        type: 'Normal',
        source: { component: 'widget-controller' },
        count: 1,
        firstTimestamp: '2026-01-02T03:04:05Z',
        lastTimestamp: '2026-01-02T03:04:05Z',
        reportingComponent: 'widget-controller',
        reportingInstance: '',
      },
    ]);
  });

  it('counts an identical event within 10 minutes on the existing Event, and creates a new one after', async () => {
    const fake = fakeClient();
    const clock = { ms: Date.parse('2026-01-02T03:00:00Z') };
    const events = recorder(fake.client, clock);
    events.warning(subject, 'Failed', 'boom');
    events.warning(subject, 'Failed', 'boom');
    clock.ms += 9 * 60_000;
    events.warning(subject, 'Failed', 'boom');
    await events.flush();
    expect(fake.created).toHaveLength(1);
    const name = fake.created[0]?.metadata.name as string;
    expect(fake.patches).toEqual([
      { name, patch: { count: 2, lastTimestamp: '2026-01-02T03:00:00Z' } },
      { name, patch: { count: 3, lastTimestamp: '2026-01-02T03:09:00Z' } },
    ]);

    clock.ms += 11 * 60_000;
    events.warning(subject, 'Failed', 'boom');
    await events.flush();
    expect(fake.created).toHaveLength(2);
    expect(fake.created[1]?.metadata.name).not.toBe(name);
  });

  it('creates separate Events when the type, reason, message or object differ', async () => {
    const fake = fakeClient();
    const events = recorder(fake.client, { ms: Date.now() });
    events.normal(subject, 'Created', 'a');
    events.warning(subject, 'Created', 'a');
    events.normal(subject, 'Deleted', 'a');
    events.normal(subject, 'Created', 'b');
    events.normal({ ...subject, metadata: { ...subject.metadata, uid: 'uid-2' } }, 'Created', 'a');
    await events.flush();
    expect(fake.created).toHaveLength(5);
    expect(new Set(fake.created.map((e) => e.metadata.name)).size).toBe(5);
    expect(fake.patches).toEqual([]);
  });

  it('creates a new Event when the counted one is gone', async () => {
    const fake = fakeClient();
    const events = recorder(fake.client, { ms: Date.now() });
    events.normal(subject, 'Created', 'a');
    await events.flush();
    fake.state.deleted.add(fake.created[0]?.metadata.name as string);
    events.normal(subject, 'Created', 'a');
    await events.flush();
    expect(fake.created).toHaveLength(2);
  });

  it('never throws: a failed write is logged without the message and dropped', async () => {
    const fake = fakeClient();
    const lines: string[] = [];
    const logger = silentLogger();
    logger.level = 'warn';
    const logged = new EventRecorder({
      client: fake.client,
      component: 'widget-controller',
      logger: Object.assign(logger, {
        child: () => ({ warn: (fields: object, msg: string) => lines.push(JSON.stringify({ ...fields, msg })) }),
      }),
    });
    fake.state.failWith = new ApiError(403, 'Forbidden', 'events is forbidden: secret-message', {});
    expect(() => logged.warning(subject, 'Failed', 'secret-message')).not.toThrow();
    await logged.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Forbidden');
    expect(lines[0]).not.toContain('secret-message');
    logged.normal({ metadata: { name: 'no-kind' } }, 'Created', 'x');
    expect(lines).toHaveLength(2);
  });

  it('truncates messages to 1024 characters', async () => {
    const fake = fakeClient();
    const events = recorder(fake.client, { ms: Date.now() });
    events.forObject(subject).normal('Long', 'x'.repeat(5000));
    await events.flush();
    expect(fake.created[0]?.message).toHaveLength(MAX_EVENT_MESSAGE_LENGTH);
    expect(truncateEventMessage('short')).toBe('short');
    expect(truncateEventMessage('y'.repeat(1025))).toBe(`${'y'.repeat(1021)}...`);
  });
});

describe('EventNamer', () => {
  it('names events <object>.<16 hex digits of Unix nanoseconds>, unique within a millisecond', () => {
    const namer = new EventNamer(() => Date.parse('2026-01-02T03:04:05.678Z'));
    const first = namer.next('obj');
    const second = namer.next('obj');
    expect(first).toBe(`obj.${(BigInt(Date.parse('2026-01-02T03:04:05.678Z')) * 1_000_000n).toString(16)}`);
    expect(first).toMatch(/^obj\.[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
  });
});

describe('EventCorrelator', () => {
  it('forgets the least recently written event beyond its capacity', () => {
    const correlator = new EventCorrelator({ maxEntries: 2 });
    const entry = { namespace: 'ns', name: 'e', count: 1, firstTimestamp: '', lastSeenMs: 0 };
    correlator.remember('a', entry);
    correlator.remember('b', entry);
    correlator.remember('a', entry);
    correlator.remember('c', entry);
    expect(correlator.lookup('b', 0)).toBeUndefined();
    expect(correlator.lookup('a', 0)).toBeDefined();
    expect(correlator.lookup('c', 0)).toBeDefined();
    expect(correlator.size).toBe(2);
  });
});
