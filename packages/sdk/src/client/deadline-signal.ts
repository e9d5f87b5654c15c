/** An abort signal that fires at a deadline (or with the parent signal), and the way to stop its timer. */
export interface DeadlineSignal {
  /** Aborts with a `TimeoutError` DOMException after the delay, or with the parent's reason if that aborts first. */
  readonly signal: AbortSignal;
  /** Stops the timer; call it once the guarded work has settled. */
  readonly cancel: () => void;
}

/**
 * A signal that aborts after `ms` milliseconds or when `parent` aborts. Unlike
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`, the timer holds its controller strongly: Node 20 may
 * garbage-collect a timeout signal that only `AbortSignal.any` refers to before it fires (nodejs/node#57736), and
 * the guarded wait then never ends.
 */
export function deadlineSignal(ms: number, parent?: AbortSignal): DeadlineSignal {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  const signal = parent ? AbortSignal.any([parent, deadline.signal]) : deadline.signal;
  return { signal, cancel: () => clearTimeout(timer) };
}
