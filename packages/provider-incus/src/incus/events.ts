import WebSocket from 'ws';
import type { EventType, IncusEvent } from './api/event.js';
import type { IncusConnectionOptions } from './connection.js';
import { IncusConnectionError, IncusTimeoutError } from './errors.js';
import { tlsOptionsFor } from './tls.js';

/** What to subscribe to on `/1.0/events`. */
export interface SubscribeOptions {
  /** Event kinds; default all. */
  types?: EventType[];
  /** Events of every project instead of the client's project. */
  allProjects?: boolean;
  signal?: AbortSignal;
}

/**
 * An open `/1.0/events` websocket. Events are buffered from the moment the subscription opens, so
 * subscribing before an action and reading afterwards never misses that action's events. Iterate it
 * with `for await`, or use {@link waitFor}; {@link close} ends it.
 */
export class IncusEventSubscription implements AsyncIterable<IncusEvent> {
  private readonly buffered: IncusEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private ended: Error | null | undefined;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
      this.buffered.push(JSON.parse(text) as IncusEvent);
      this.wake();
    });
    socket.on('close', () => this.end(null));
    socket.on('error', (error: Error) =>
      this.end(new IncusConnectionError(`events stream: ${error.message}`, { cause: error })),
    );
  }

  /** The next event; `undefined` once the stream has ended normally. */
  async next(signal?: AbortSignal): Promise<IncusEvent | undefined> {
    for (;;) {
      const event = this.buffered.shift();
      if (event !== undefined) return event;
      if (this.ended !== undefined) {
        if (this.ended === null) return undefined;
        throw this.ended;
      }
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
  }

  /** Reads events until one matches, within `timeoutMs`; earlier events are consumed. */
  async waitFor(predicate: (event: IncusEvent) => boolean, timeoutMs: number): Promise<IncusEvent> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      for (;;) {
        const event = await this.next(signal);
        if (event === undefined) throw new IncusConnectionError('events stream closed before the awaited event');
        if (predicate(event)) return event;
      }
    } catch (error) {
      if (signal.aborted) throw new IncusTimeoutError(`no matching Incus event within ${timeoutMs} ms`);
      throw error;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<IncusEvent> {
    for (;;) {
      const event = await this.next();
      if (event === undefined) return;
      yield event;
    }
  }

  /** Closes the websocket; buffered events can still be read. */
  close(): void {
    this.socket.close();
    this.end(null);
  }

  private end(error: Error | null): void {
    if (this.ended === undefined) this.ended = error;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** `/1.0/events`: the daemon's websocket event stream. */
export class EventsApi {
  constructor(private readonly options: IncusConnectionOptions) {}

  /** The websocket URL of a subscription (exposed for tests of the request shape). */
  url(options: SubscribeOptions = {}): string {
    const params = new URLSearchParams();
    if (options.types?.length) params.set('type', options.types.join(','));
    if (options.allProjects) params.set('all-projects', 'true');
    else if (this.options.project) params.set('project', this.options.project);
    const query = params.toString();
    const path = `/1.0/events${query === '' ? '' : `?${query}`}`;
    const endpoint = this.options.endpoint;
    if (endpoint.kind === 'unix') return `ws+unix://${endpoint.socketPath}:${path}`;
    return `${endpoint.url.replace(/^https:/, 'wss:').replace(/\/+$/, '')}${path}`;
  }

  /** Opens a subscription; resolves once the daemon accepted it. */
  subscribe(options: SubscribeOptions = {}): Promise<IncusEventSubscription> {
    const endpoint = this.options.endpoint;
    // ws hands these options to tls.connect unchanged; its own typing of checkServerIdentity is stale.
    const tls = endpoint.kind === 'https' ? (tlsOptionsFor(endpoint) as unknown as WebSocket.ClientOptions) : {};
    const socket = new WebSocket(this.url(options), tls);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        socket.terminate();
        reject(options.signal?.reason);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('open', () => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve(new IncusEventSubscription(socket));
      });
      socket.once('error', (error: Error) => {
        options.signal?.removeEventListener('abort', onAbort);
        reject(new IncusConnectionError(`events stream: ${error.message}`, { cause: error }));
      });
    });
  }
}
