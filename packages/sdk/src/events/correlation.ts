/** An Event this process wrote, which an identical later event increments instead of creating another. */
export interface CorrelatedEvent {
  readonly namespace: string;
  readonly name: string;
  readonly count: number;
  readonly firstTimestamp: string;
  /** When the Event was last written (ms since the epoch). */
  readonly lastSeenMs: number;
}

/** How the {@link EventCorrelator} remembers events. */
export interface EventCorrelatorOptions {
  /** An identical event later than this after the last write creates a new Event. Default 10 minutes. */
  windowMs?: number;
  /** How many distinct events are remembered; the least recently written are forgotten first. Default 4096. */
  maxEntries?: number;
}

/** client-go's defaults: its aggregation window is 10 minutes and its LRU caches hold 4096 entries. */
const DEFAULT_WINDOW_MS = 10 * 60_000;
const DEFAULT_MAX_ENTRIES = 4096;

/**
 * The simple form of client-go's event correlation: an LRU of the Events written, keyed by everything that makes
 * two events identical (source, involved object, type, reason, message). An identical event within the window is
 * counted on the existing Event rather than creating a new one.
 */
export class EventCorrelator {
  private readonly entries = new Map<string, CorrelatedEvent>();
  private readonly windowMs: number;
  private readonly maxEntries: number;

  constructor(options: EventCorrelatorOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /** The Event to increment for this key at `nowMs`, if one was written within the window. */
  lookup(key: string, nowMs: number): CorrelatedEvent | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (nowMs - entry.lastSeenMs > this.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Remembers the Event just written for this key (as the most recently used). */
  remember(key: string, event: CorrelatedEvent): void {
    this.entries.delete(key);
    this.entries.set(key, event);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets the Event of this key (it is gone from the API server). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** How many events are remembered. */
  get size(): number {
    return this.entries.size;
  }
}
