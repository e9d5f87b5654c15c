import { deadlineSignal } from '../client/deadline-signal.js';
import { ApiError, isGone, type StatusBody } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeList, KubeObject } from '../client/object.js';
import { apiVersionOf, type ResourceType } from '../client/resource-type.js';
import type { WatchEvent } from '../client/watch-events.js';
import type { Logger } from '../log/logger.js';
import { sleepUnlessAborted, untilAborted } from './abortable.js';
import { type BackoffOptions, ReconnectBackoff } from './reconnect-backoff.js';

/** Where a {@link Reflector} delivers what it lists and watches (the informer's store). */
export interface ReflectorTarget<T extends KubeObject> {
  /** The complete result of a (re)list, to replace everything known so far. */
  replace(objects: T[]): void;
  /** An object added or modified, from the watch. */
  upsert(object: T): void;
  /** An object deleted, from the watch (its final state). */
  remove(object: T): void;
}

/** Tuning of a {@link Reflector}. */
export interface ReflectorOptions {
  /** Watch only this namespace (ignored for cluster-scoped kinds). */
  namespace?: string;
  /** Receives failures (warn), relists and watchdog restarts (info). */
  logger: Logger;
  /**
   * Restart the watch when nothing, not even a bookmark, arrived for this long: it guards against half-open
   * connections that would otherwise go silent forever. The API server sends a bookmark about once a minute.
   * A list page that takes this long fails and is retried too. Default {@link DEFAULT_WATCH_INACTIVITY_TIMEOUT_MS}.
   */
  watchInactivityTimeoutMs?: number;
  /** Items per list page. Default 500, client-go's pager default. */
  pageSize?: number;
  /** Reconnect backoff; default 0.8 s doubling to 30 s, reset after 120 s without a failure. */
  backoff?: Partial<BackoffOptions>;
}

/** Counters of what a {@link Reflector} did, for tests, metrics and debugging. */
export interface ReflectorStats {
  /** Completed lists, the initial one included. */
  lists: number;
  /** Relists because the watched resourceVersion had expired (`410 Gone`). */
  goneRelists: number;
  /** Watch requests made. */
  watches: number;
  /** Watches restarted by the inactivity watchdog. */
  inactivityRestarts: number;
  /** Failed lists and watches that were retried after a backoff. */
  failures: number;
}

/**
 * Three bookmark intervals (the watch cache sends one about every minute): a healthy watch is not restarted, a
 * dead one is noticed within minutes.
 */
export const DEFAULT_WATCH_INACTIVITY_TIMEOUT_MS = 180_000;

const MIN_WATCH_TIMEOUT_SECONDS = 300;
/** client-go's rule: a watch that ends within a second without an event counts as a failure. */
const SHORT_WATCH_MS = 1_000;

class WatchInactiveError extends Error {
  constructor(ms: number) {
    super(`no watch event or bookmark for ${ms} ms`);
  }
}

/**
 * The list-then-watch loop of one kind, after client-go's reflector and kube-rs's watcher:
 *
 * - list in pages (`limit` + `continue`), then watch from the list's resourceVersion with bookmarks, each watch
 *   asking the server to end it after a random 5–10 minutes so that reconnects of many clients spread out;
 * - every event and bookmark advances the resourceVersion, so a reconnect resumes exactly where it stopped;
 * - `410 Gone` (the resourceVersion was compacted away) leads to a fresh list, which the target diffs;
 * - any other failure, or a watch that ends at once, is retried after an exponential backoff with jitter;
 * - an inactivity watchdog restarts a watch that went silent.
 *
 * It never gives up: errors are logged and retried until the signal given to {@link run} aborts.
 */
export class Reflector<T extends KubeObject> {
  /** What the reflector did so far. */
  readonly stats: ReflectorStats = { lists: 0, goneRelists: 0, watches: 0, inactivityRestarts: 0, failures: 0 };
  private lastResourceVersion: string | undefined;
  private readonly backoff: ReconnectBackoff;
  private readonly log: Logger;
  private readonly inactivityTimeoutMs: number;
  private readonly pageSize: number;
  private readonly namespace: string | undefined;

  constructor(
    private readonly client: KubeClient,
    readonly type: ResourceType<T>,
    private readonly target: ReflectorTarget<T>,
    options: ReflectorOptions,
  ) {
    this.backoff = new ReconnectBackoff(options.backoff);
    this.inactivityTimeoutMs = options.watchInactivityTimeoutMs ?? DEFAULT_WATCH_INACTIVITY_TIMEOUT_MS;
    this.pageSize = options.pageSize ?? 500;
    this.namespace = type.namespaced ? options.namespace : undefined;
    this.log = options.logger;
  }

  /** The resourceVersion the next watch starts from; `undefined` until listed and while a relist is due. */
  get resourceVersion(): string | undefined {
    return this.lastResourceVersion;
  }

  /** Lists and watches until `signal` aborts; resolves once every request it made has been closed. */
  async run(signal: AbortSignal): Promise<void> {
    this.lastResourceVersion = undefined;
    while (!signal.aborted) {
      try {
        if (this.lastResourceVersion === undefined) await this.list(signal);
        if (await this.watch(signal)) continue;
        this.log.debug('watch ended at once without an event; backing off');
        await sleepUnlessAborted(this.backoff.next(), signal);
      } catch (error) {
        if (signal.aborted) break;
        await this.recover(error, signal);
      }
    }
  }

  private async recover(error: unknown, signal: AbortSignal): Promise<void> {
    if (error instanceof WatchInactiveError) {
      this.stats.inactivityRestarts++;
      this.log.info({ resourceVersion: this.lastResourceVersion }, `restarting a silent watch: ${error.message}`);
      return;
    }
    if (isGone(error) && this.lastResourceVersion !== undefined) {
      this.stats.goneRelists++;
      this.log.info({ resourceVersion: this.lastResourceVersion }, 'resourceVersion expired (410 Gone); relisting');
      this.lastResourceVersion = undefined;
      return;
    }
    this.stats.failures++;
    const delayMs = Math.round(this.backoff.next());
    const phase = this.lastResourceVersion === undefined ? 'list' : 'watch';
    this.log.warn({ err: error, delayMs }, `${phase} failed; retrying`);
    await sleepUnlessAborted(delayMs, signal);
  }

  private async list(signal: AbortSignal): Promise<void> {
    const objects: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await this.listPage(continueToken, signal);
      for (const object of page.items) objects.push(this.withTypeMeta(object));
      resourceVersion = page.metadata.resourceVersion;
      continueToken = page.metadata.continue || undefined;
    } while (continueToken !== undefined);
    if (!resourceVersion) throw new Error('list answer has no resourceVersion');
    this.target.replace(objects);
    this.lastResourceVersion = resourceVersion;
    this.stats.lists++;
    this.log.debug({ resourceVersion, count: objects.length }, 'listed');
  }

  /** One list page, abandoned when `signal` aborts or when it takes longer than the inactivity timeout. */
  private async listPage(continueToken: string | undefined, signal: AbortSignal): Promise<KubeList<T>> {
    const deadline = deadlineSignal(this.inactivityTimeoutMs, signal);
    const request = this.client.list(this.type, {
      namespace: this.namespace,
      limit: this.pageSize,
      continue: continueToken,
    });
    try {
      return await untilAborted(request, deadline.signal);
    } catch (error) {
      if (deadline.signal.aborted && !signal.aborted)
        throw new Error(`list page took over ${this.inactivityTimeoutMs} ms`);
      throw error;
    } finally {
      deadline.cancel();
    }
  }

  /**
   * Watches from the current resourceVersion until the stream ends. Returns false for a watch that ended
   * within a second without any event (which is then backed off), true otherwise.
   */
  private async watch(signal: AbortSignal): Promise<boolean> {
    const watchController = new AbortController();
    const stopWatch = () => watchController.abort(signal.reason);
    signal.addEventListener('abort', stopWatch, { once: true });
    let silent = false;
    let watchdog: NodeJS.Timeout | undefined;
    const rearmWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        silent = true;
        watchController.abort();
      }, this.inactivityTimeoutMs);
    };
    const startedAt = Date.now();
    let received = 0;
    this.stats.watches++;
    try {
      rearmWatchdog();
      const events = this.client.watch(this.type, {
        namespace: this.namespace,
        resourceVersion: this.lastResourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + Math.random())),
        signal: watchController.signal,
      });
      for await (const event of events) {
        rearmWatchdog();
        received++;
        if (!this.apply(event)) return true;
      }
    } catch (error) {
      if (silent && !signal.aborted) throw new WatchInactiveError(this.inactivityTimeoutMs);
      throw error;
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', stopWatch);
    }
    return received > 0 || Date.now() - startedAt >= SHORT_WATCH_MS;
  }

  /** Applies one watch event; returns false when a relist is needed instead. */
  private apply(event: WatchEvent<T>): boolean {
    if (event.type === 'ERROR') throw watchError(event.object);
    const resourceVersion = event.object.metadata?.resourceVersion;
    if (!resourceVersion) {
      this.log.warn({ eventType: event.type }, 'watch event without resourceVersion; relisting');
      this.lastResourceVersion = undefined;
      return false;
    }
    if (event.type === 'ADDED' || event.type === 'MODIFIED') this.target.upsert(this.withTypeMeta(event.object));
    else if (event.type === 'DELETED') this.target.remove(this.withTypeMeta(event.object));
    this.lastResourceVersion = resourceVersion;
    return true;
  }

  /** List items of built-in kinds come without `apiVersion`/`kind`; fill them so every cached object has them. */
  private withTypeMeta(object: T): T {
    object.apiVersion ??= apiVersionOf(this.type);
    object.kind ??= this.type.kind;
    return object;
  }
}

function watchError(status: StatusBody): ApiError {
  const code = status.code ?? 500;
  return new ApiError(code, status.reason ?? 'InternalError', status.message ?? `watch error ${code}`, status);
}
