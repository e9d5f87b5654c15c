import type { Request } from './request.js';

/** Adds a request to a controller's work queue (deduplicated with the requests of its informer watches). */
export type EnqueueRequest = (request: Request) => void;

/**
 * A source of requests that does not come from an informer (controller-runtime's `WatchesRawSource`): an
 * external event stream, a webhook, a timer of the provider's own. A controller starts each of its raw sources
 * when it starts, before waiting for its caches, and aborts `signal` when it stops.
 *
 * `start` may set up callbacks and return, or run until `signal` aborts. If it rejects before the signal
 * aborts, the controller logs the error and keeps running on its other watches: a raw source that must survive
 * connection losses reconnects by itself.
 */
export interface RawSource {
  /** Shown in the controller's logs. */
  readonly name: string;
  start(enqueue: EnqueueRequest, signal: AbortSignal): Promise<void> | void;
}

/** A {@link RawSource} fed by hand, and the function that feeds it (controller-runtime's `source.Channel`). */
export interface RequestChannel {
  readonly source: RawSource;
  /** Enqueues `request` on the controller; requests sent before it started are kept and delivered on start. */
  send(request: Request): void;
}

/**
 * A raw source that delivers the requests given to `send`: wire any event stream (a websocket, a message
 * broker) to a controller without implementing {@link RawSource}. One channel feeds one controller.
 */
export function requestChannel(name: string): RequestChannel {
  let target: EnqueueRequest | undefined;
  const pending: Request[] = [];
  return {
    source: {
      name,
      start(enqueue, signal) {
        if (target) throw new Error(`request channel ${name} is already started`);
        target = enqueue;
        signal.addEventListener('abort', () => {
          target = undefined;
        });
        for (const request of pending.splice(0)) enqueue(request);
      },
    },
    send(request) {
      if (target) target(request);
      else pending.push(request);
    },
  };
}
