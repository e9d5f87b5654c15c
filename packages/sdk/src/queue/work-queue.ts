import { type Clock, systemClock } from './clock.js';
import { defaultControllerRateLimiter } from './default-rate-limiter.js';
import { Heap } from './heap.js';
import { noQueueMetrics, type QueueMetrics } from './queue-metrics.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * Priorities controllers use. Higher comes out first. Objects from an informer's initial list (and resyncs) are
 * added at `low`, so that a restart with thousands of objects does not starve real changes (controller-runtime's
 * `handler.LowPriority`).
 */
export const QueuePriority = { normal: 0, low: -100 } as const;

/** How to add a key (controller-runtime's priority-queue `AddOpts`). */
export interface AddOptions {
  /** Make the key ready only after this many milliseconds. */
  afterMs?: number;
  /** Ask the rate limiter for the delay (a failure is recorded); the smaller of this and `afterMs` wins. */
  rateLimited?: boolean;
  /** Higher is handed out first; defaults to {@link QueuePriority.normal}. */
  priority?: number;
}

/** A key handed to a worker. The worker must call {@link WorkQueue.done} with it when finished. */
export interface WorkItem {
  readonly key: string;
  readonly priority: number;
}

/** Collaborators of a {@link WorkQueue}; all optional. */
export interface WorkQueueOptions {
  /** Defaults to {@link systemClock}. */
  clock?: Clock;
  /** Used by rate-limited adds; defaults to {@link defaultControllerRateLimiter} on the same clock. */
  rateLimiter?: RateLimiter;
  /** Defaults to {@link noQueueMetrics}. */
  metrics?: QueueMetrics;
}

/**
 * - `delayed`: waits for `readyAt`;
 * - `ready`: in the ready heap, can be handed out;
 * - `parked`: ready, but the same key is being processed; becomes `ready` on `done`.
 */
type EntryState = 'delayed' | 'ready' | 'parked';

interface Entry {
  readonly key: string;
  priority: number;
  state: EntryState;
  /** `delayed`: when the key becomes ready; otherwise when it became ready. */
  readyAt: number;
  /** FIFO position among keys of the same priority. */
  order: number;
  /** Bumped on every move, so heap nodes pushed before the move are recognised as stale. */
  version: number;
}

interface HeapNode {
  readonly entry: Entry;
  readonly version: number;
}

/**
 * A deduplicating, rate-limited priority work queue with client-go semantics:
 *
 * - a key waits in the queue at most once: adding it again keeps the highest priority and the earliest time;
 * - a key is never handed to two workers at once: a key added while it is processed waits until `done`;
 * - `afterMs` delays a key, `rateLimited` asks the rate limiter (per-key backoff + overall token bucket);
 * - ready keys come out by priority, then first-in first-out.
 *
 * Level-triggered controllers only need the key, so N triggers between two reconciles collapse into one.
 * After {@link shutDown}, adds are ignored, waiting keys are dropped and {@link get} resolves `undefined`.
 */
export class WorkQueue {
  private readonly clock: Clock;
  private readonly rateLimiter: RateLimiter;
  private readonly metrics: QueueMetrics;
  private readonly entries = new Map<string, Entry>();
  private readonly processing = new Map<string, number>();
  private readonly ready = new Heap<HeapNode>((a, b) =>
    a.entry.priority !== b.entry.priority ? a.entry.priority > b.entry.priority : a.entry.order < b.entry.order,
  );
  private readonly delayed = new Heap<HeapNode>((a, b) => a.entry.readyAt < b.entry.readyAt);
  private readonly waiters: Array<(item: WorkItem | undefined) => void> = [];
  private readonly drainWaiters: Array<() => void> = [];
  private nextOrder = 0;
  private timerAt: number | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter(this.clock);
    this.metrics = options.metrics ?? noQueueMetrics;
    this.metrics.trackInProgress(() => this.inProgressAges());
  }

  /** Keys waiting to be handed out (ready or delayed), not counting keys being processed. */
  get length(): number {
    return this.entries.size;
  }

  /** True once {@link shutDown} was called. */
  get shuttingDown(): boolean {
    return this.stopped;
  }

  /** Adds a key (controller-runtime's `AddWithOpts`). */
  add(key: string, options: AddOptions = {}): void {
    if (this.stopped) return;
    let delay = Math.max(0, options.afterMs ?? 0);
    if (options.rateLimited) {
      const limited = this.rateLimiter.when(key);
      if (delay === 0 || limited < delay) delay = limited;
    }
    const priority = options.priority ?? QueuePriority.normal;
    const now = this.clock.now();
    if (delay > 0) this.metrics.retried();

    const existing = this.entries.get(key);
    if (!existing) {
      const entry: Entry = { key, priority, state: 'delayed', readyAt: now, order: 0, version: 0 };
      this.entries.set(key, entry);
      if (delay > 0) this.delay(entry, now + delay);
      else this.makeReady(entry, now);
    } else if (existing.state === 'delayed') {
      existing.priority = Math.max(existing.priority, priority);
      if (delay === 0) this.makeReady(existing, now);
      else if (now + delay < existing.readyAt) this.delay(existing, now + delay);
    } else if (priority > existing.priority) {
      this.metrics.depthChanged(existing.priority, -1);
      this.metrics.depthChanged(priority, 1);
      existing.priority = priority;
      existing.order = this.nextOrder++;
      existing.version++;
      if (existing.state === 'ready') this.ready.push({ entry: existing, version: existing.version });
    }
    this.dispatch();
  }

  /** Adds a key that becomes ready after `delayMs` (client-go's `AddAfter`). */
  addAfter(key: string, delayMs: number, options: Pick<AddOptions, 'priority'> = {}): void {
    this.add(key, { ...options, afterMs: delayMs });
  }

  /** Adds a key after the delay its rate limiter decides, recording one more failure (client-go's `AddRateLimited`). */
  addRateLimited(key: string, options: Pick<AddOptions, 'priority'> = {}): void {
    this.add(key, { ...options, rateLimited: true });
  }

  /** Clears the key's failure history in the rate limiter (after a success). It does not remove a waiting key. */
  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  /** How many failures the rate limiter has recorded for the key since the last {@link forget}. */
  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  /**
   * Waits for the next ready key whose key is not being processed and marks it as processing. Resolves
   * `undefined` once the queue shuts down.
   */
  get(): Promise<WorkItem | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.dispatch();
    });
  }

  /** Marks a key handed out by {@link get} as finished; if it was added meanwhile, it becomes ready again. */
  done(key: string): void {
    const startedAt = this.processing.get(key);
    if (startedAt === undefined) return;
    this.processing.delete(key);
    this.metrics.finished((this.clock.now() - startedAt) / 1000);
    const entry = this.entries.get(key);
    if (entry?.state === 'parked') {
      entry.state = 'ready';
      entry.version++;
      this.ready.push({ entry, version: entry.version });
    }
    if (this.processing.size === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
    this.dispatch();
  }

  /** Stops the queue: later adds are ignored, waiting keys are dropped, pending and later `get`s resolve `undefined`. */
  shutDown(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = undefined;
    for (const entry of this.entries.values()) {
      if (entry.state !== 'delayed') this.metrics.depthChanged(entry.priority, -1);
    }
    this.entries.clear();
    this.ready.clear();
    this.delayed.clear();
    for (const resolve of this.waiters.splice(0)) resolve(undefined);
  }

  /** {@link shutDown}, then resolves once every key handed out has been marked {@link done}. */
  async shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return;
    await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  private makeReady(entry: Entry, now: number): void {
    entry.readyAt = now;
    entry.order = this.nextOrder++;
    entry.version++;
    this.metrics.depthChanged(entry.priority, 1);
    this.metrics.added();
    if (this.processing.has(entry.key)) {
      entry.state = 'parked';
    } else {
      entry.state = 'ready';
      this.ready.push({ entry, version: entry.version });
    }
  }

  private delay(entry: Entry, readyAt: number): void {
    entry.state = 'delayed';
    entry.readyAt = readyAt;
    entry.version++;
    this.delayed.push({ entry, version: entry.version });
    this.armTimer();
  }

  /** Hands ready keys to waiting workers. */
  private dispatch(): void {
    while (this.waiters.length > 0) {
      const node = this.validTop(this.ready, 'ready');
      if (!node) return;
      this.ready.pop();
      const { entry } = node;
      const now = this.clock.now();
      this.entries.delete(entry.key);
      this.processing.set(entry.key, now);
      this.metrics.depthChanged(entry.priority, -1);
      this.metrics.handedOut((now - entry.readyAt) / 1000);
      this.waiters.shift()?.({ key: entry.key, priority: entry.priority });
    }
  }

  /** Keeps one timer, for the earliest delayed key. */
  private armTimer(): void {
    const next = this.validTop(this.delayed, 'delayed');
    if (next?.entry.readyAt === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = next?.entry.readyAt;
    if (!next) return;
    this.cancelTimer = this.clock.schedule(next.entry.readyAt - this.clock.now(), () => this.onTimer());
  }

  private onTimer(): void {
    this.cancelTimer = undefined;
    this.timerAt = undefined;
    const now = this.clock.now();
    for (let next = this.validTop(this.delayed, 'delayed'); next && next.entry.readyAt <= now; ) {
      this.delayed.pop();
      this.makeReady(next.entry, now);
      next = this.validTop(this.delayed, 'delayed');
    }
    this.armTimer();
    this.dispatch();
  }

  /** The top node of a heap after discarding stale nodes (entries that moved since the node was pushed). */
  private validTop(heap: Heap<HeapNode>, state: EntryState): HeapNode | undefined {
    for (let node = heap.peek(); node; node = heap.peek()) {
      const { entry, version } = node;
      if (entry.version === version && entry.state === state && this.entries.get(entry.key) === entry) return node;
      heap.pop();
    }
    return undefined;
  }

  private inProgressAges(): number[] {
    const now = this.clock.now();
    return [...this.processing.values()].map((startedAt) => (now - startedAt) / 1000);
  }
}
