import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExponentialFailureRateLimiter,
  type QueueMetrics,
  QueuePriority,
  type WorkItem,
  WorkQueue,
} from '../../src/queue/index.js';
import { ManualClock } from './manual-clock.js';

/** Lets every pending promise callback run (one macrotask turn). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A `get()` whose result the test can inspect without awaiting it. */
function pendingGet(queue: WorkQueue): { readonly item: WorkItem | undefined; readonly resolved: boolean } {
  const state = { item: undefined as WorkItem | undefined, resolved: false };
  void queue.get().then((item) => {
    state.item = item;
    state.resolved = true;
  });
  return state;
}

function newQueue() {
  const clock = new ManualClock();
  const queue = new WorkQueue({ clock, rateLimiter: new ExponentialFailureRateLimiter(5, 1_000_000) });
  return { clock, queue };
}

async function keys(queue: WorkQueue, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const item = await queue.get();
    out.push(item!.key);
    queue.done(item!.key);
  }
  return out;
}

describe('WorkQueue: deduplication', () => {
  it('keeps a key once while it waits and hands keys out first-in first-out', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    queue.add('c');
    expect(queue.length).toBe(3);
    expect(await keys(queue, 3)).toEqual(['a', 'b', 'c']);
    expect(queue.length).toBe(0);
  });

  it('never hands a key to two workers: a key added while processed waits for done', async () => {
    const { queue } = newQueue();
    queue.add('a');
    const first = await queue.get();
    expect(first?.key).toBe('a');

    for (let i = 0; i < 1000; i++) queue.add('a');
    expect(queue.length).toBe(1);
    const second = pendingGet(queue);
    await flush();
    expect(second.resolved).toBe(false);

    queue.done('a');
    await flush();
    expect(second.item?.key).toBe('a');
    expect(queue.length).toBe(0);
  });

  it('hands out other keys while one key is parked behind its own processing', async () => {
    const { queue } = newQueue();
    queue.add('a');
    await queue.get();
    queue.add('a');
    queue.add('b');
    expect((await queue.get())?.key).toBe('b');
  });

  it('ignores done for a key that is not being processed', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.done('a');
    expect(queue.length).toBe(1);
    expect((await queue.get())?.key).toBe('a');
  });
});

describe('WorkQueue: priority', () => {
  it('hands out higher priorities first, FIFO within one priority', async () => {
    const { queue } = newQueue();
    queue.add('initial-1', { priority: QueuePriority.low });
    queue.add('initial-2', { priority: QueuePriority.low });
    queue.add('live-1');
    queue.add('urgent', { priority: 10 });
    queue.add('live-2');
    expect(await keys(queue, 5)).toEqual(['urgent', 'live-1', 'live-2', 'initial-1', 'initial-2']);
  });

  it('does not let an initial list of thousands of objects starve a live event', async () => {
    const { queue } = newQueue();
    for (let i = 0; i < 5000; i++) queue.add(`ns/initial-${i}`, { priority: QueuePriority.low });
    queue.add('ns/changed');
    expect((await queue.get())?.key).toBe('ns/changed');
  });

  it('keeps the highest priority of several adds; a raise moves the key to the end of its new FIFO', async () => {
    const { queue } = newQueue();
    queue.add('a', { priority: QueuePriority.low });
    queue.add('b', { priority: QueuePriority.low });
    queue.add('c');
    queue.add('a');
    queue.add('c', { priority: QueuePriority.low });
    expect(await keys(queue, 3)).toEqual(['c', 'a', 'b']);
  });

  it('returns the priority with the item', async () => {
    const { queue } = newQueue();
    queue.add('a', { priority: QueuePriority.low });
    expect(await queue.get()).toEqual({ key: 'a', priority: -100 });
  });
});

describe('WorkQueue: delays and rate limiting', () => {
  it('makes a key added with addAfter ready only once the delay has passed', async () => {
    const { clock, queue } = newQueue();
    queue.addAfter('a', 100);
    const got = pendingGet(queue);
    clock.advance(99);
    await flush();
    expect(got.resolved).toBe(false);
    clock.advance(1);
    await flush();
    expect(got.item?.key).toBe('a');
  });

  it('keeps the earliest time of several delayed adds, and an immediate add wins', async () => {
    const { clock, queue } = newQueue();
    queue.addAfter('a', 100);
    queue.addAfter('a', 50);
    queue.addAfter('a', 200);
    queue.addAfter('b', 1000);
    expect(queue.length).toBe(2);
    const got = pendingGet(queue);
    clock.advance(50);
    await flush();
    expect(got.item?.key).toBe('a');
    queue.done('a');

    queue.add('b');
    expect((await queue.get())?.key).toBe('b');
    queue.done('b');
    clock.advance(10_000);
    expect(queue.length).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('orders delayed keys by the time they become ready', async () => {
    const { clock, queue } = newQueue();
    queue.addAfter('late', 30);
    queue.addAfter('early', 10);
    queue.addAfter('middle', 20);
    clock.advance(30);
    expect(await keys(queue, 3)).toEqual(['early', 'middle', 'late']);
  });

  it('ignores a delayed add for a key that is already ready', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.addAfter('a', 1000);
    expect((await queue.get())?.key).toBe('a');
  });

  it('backs off a failing key 5, 10, 20 ms and starts over after forget', async () => {
    const { clock, queue } = newQueue();
    for (const expected of [5, 10, 20]) {
      queue.addRateLimited('a');
      const got = pendingGet(queue);
      clock.advance(expected - 1);
      await flush();
      expect(got.resolved).toBe(false);
      clock.advance(1);
      await flush();
      expect(got.item?.key).toBe('a');
      queue.done('a');
    }
    expect(queue.numRequeues('a')).toBe(3);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
  });

  it('takes the smaller of afterMs and the rate limiter delay', async () => {
    const { clock, queue } = newQueue();
    queue.add('a', { rateLimited: true, afterMs: 1000 });
    const got = pendingGet(queue);
    clock.advance(5);
    await flush();
    expect(got.item?.key).toBe('a');
  });

  it('parks a delayed key that becomes ready while it is processed', async () => {
    const { clock, queue } = newQueue();
    queue.add('a');
    await queue.get();
    queue.addAfter('a', 10);
    clock.advance(10);
    const second = pendingGet(queue);
    await flush();
    expect(second.resolved).toBe(false);
    queue.done('a');
    await flush();
    expect(second.item?.key).toBe('a');
  });
});

describe('WorkQueue: shutdown', () => {
  it('wakes waiting workers, drops waiting keys, ignores later adds and cancels timers', async () => {
    const { clock, queue } = newQueue();
    queue.addAfter('delayed', 1000);
    const waiting = pendingGet(queue);
    queue.shutDown();
    await flush();
    expect(waiting.resolved).toBe(true);
    expect(waiting.item).toBeUndefined();
    queue.add('late');
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBeUndefined();
    expect(queue.shuttingDown).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('shutDownWithDrain resolves once the keys in progress are done', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.add('b');
    await queue.get();
    await queue.get();
    let drained = false;
    const drain = queue.shutDownWithDrain().then(() => {
      drained = true;
    });
    queue.done('a');
    await flush();
    expect(drained).toBe(false);
    queue.done('b');
    await drain;
    expect(drained).toBe(true);
  });
});

describe('WorkQueue: metrics hooks', () => {
  it('reports depth per priority, adds, retries, waiting and working time', async () => {
    const { clock } = newQueue();
    const depth = new Map<number, number>();
    const seen = { added: 0, retried: 0, waited: [] as number[], worked: [] as number[] };
    let probe: () => number[] = () => [];
    const metrics: QueueMetrics = {
      depthChanged: (priority, delta) => depth.set(priority, (depth.get(priority) ?? 0) + delta),
      added: () => seen.added++,
      handedOut: (s) => seen.waited.push(s),
      finished: (s) => seen.worked.push(s),
      retried: () => seen.retried++,
      trackInProgress: (p) => {
        probe = p;
      },
    };
    const queue = new WorkQueue({ clock, metrics });
    queue.add('a', { priority: QueuePriority.low });
    queue.add('a', { priority: QueuePriority.low });
    queue.add('b');
    queue.addAfter('c', 100);
    expect(Object.fromEntries(depth)).toEqual({ '-100': 1, '0': 1 });
    expect(seen).toMatchObject({ added: 2, retried: 1 });

    clock.advance(250);
    expect(seen.added).toBe(3);
    const b = await queue.get();
    expect(b?.key).toBe('b');
    expect(seen.waited).toEqual([0.25]);
    clock.advance(2000);
    expect(probe()).toEqual([2]);
    queue.done('b');
    expect(seen.worked).toEqual([2]);
    expect(probe()).toEqual([]);
    queue.shutDown();
    expect(Object.fromEntries(depth)).toEqual({ '-100': 0, '0': 0 });
  });
});

describe('WorkQueue: properties', () => {
  type Op =
    | { op: 'add'; key: string; priority: number }
    | { op: 'addAfter'; key: string; ms: number }
    | { op: 'addRateLimited'; key: string }
    | { op: 'get' }
    | { op: 'doneOldest' }
    | { op: 'advance'; ms: number };
  const key = fc.constantFrom('a', 'b', 'c', 'd');
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('add' as const), key, priority: fc.constantFrom(-100, 0, 5) }),
    fc.record({ op: fc.constant('addAfter' as const), key, ms: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ op: fc.constant('addRateLimited' as const), key }),
    fc.record({ op: fc.constant('get' as const) }),
    fc.record({ op: fc.constant('doneOldest' as const) }),
    fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60 }) }),
  );

  it('never hands out a key twice before done, and every added key is eventually handed out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), async (ops) => {
        const { clock, queue } = newQueue();
        const processing: string[] = [];
        const owed = new Set<string>();
        const take = (item: WorkItem | undefined) => {
          if (!item) return;
          expect(processing).not.toContain(item.key);
          processing.push(item.key);
          owed.delete(item.key);
        };
        for (const step of ops) {
          if (step.op === 'add') queue.add(step.key, { priority: step.priority });
          if (step.op === 'addAfter') queue.addAfter(step.key, step.ms);
          if (step.op === 'addRateLimited') queue.addRateLimited(step.key);
          if (step.op.startsWith('add') && 'key' in step) owed.add(step.key);
          if (step.op === 'get') void queue.get().then(take);
          if (step.op === 'doneOldest' && processing.length > 0) queue.done(processing.shift()!);
          if (step.op === 'advance') clock.advance(step.ms);
          await flush();
        }
        // Drain: finish everything in progress, let every delay pass, keep one worker asking.
        for (let rounds = 0; rounds < 50 && (owed.size > 0 || processing.length > 0); rounds++) {
          while (processing.length > 0) queue.done(processing.shift()!);
          clock.advance(1_000_000);
          void queue.get().then(take);
          await flush();
        }
        expect(owed.size).toBe(0);
        queue.shutDown();
      }),
      { numRuns: 150 },
    );
  });
});
