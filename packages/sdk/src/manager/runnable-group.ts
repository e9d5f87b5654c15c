import type { Logger } from '../log/logger.js';
import type { Runnable } from './runnable.js';
import { withDeadline } from './timing.js';

/** Called when a runnable of a group rejects. */
export type RunnableErrorHandler = (runnable: Runnable, error: unknown) => void;

/**
 * Runnables that start together and stop together under one abort signal (controller-runtime's
 * `runnableGroup`). Runnables added after {@link start} start at once.
 */
export class RunnableGroup {
  private readonly abort = new AbortController();
  private readonly waiting: Runnable[] = [];
  private readonly running = new Map<Promise<void>, Runnable>();
  private started = false;

  constructor(
    readonly name: string,
    private readonly onError: RunnableErrorHandler,
    private readonly logger: Logger,
  ) {}

  /** Queues `runnable`, or starts it at once when the group already runs. */
  add(runnable: Runnable): void {
    if (this.abort.signal.aborted) throw new Error(`cannot add runnable "${runnable.name}": the manager is stopping`);
    if (this.started) this.launch(runnable);
    else this.waiting.push(runnable);
  }

  /** Starts every queued runnable. */
  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    for (const runnable of this.waiting.splice(0)) this.launch(runnable);
  }

  /**
   * Aborts the group's signal and waits up to `timeoutMs` for its runnables to finish. Resolves with the names
   * of those still running when time ran out (empty when all stopped).
   */
  async stop(timeoutMs: number): Promise<string[]> {
    this.abort.abort();
    const all = Promise.allSettled([...this.running.keys()]).then(() => true);
    const finished = await withDeadline(all, timeoutMs, false);
    return finished ? [] : [...this.running.values()].map((r) => r.name);
  }

  private launch(runnable: Runnable): void {
    const signal = this.abort.signal;
    this.logger.debug({ group: this.name, runnable: runnable.name }, 'starting runnable');
    const done: Promise<void> = Promise.resolve()
      .then(() => runnable.start(signal))
      .then(
        () => this.logger.debug({ group: this.name, runnable: runnable.name }, 'runnable stopped'),
        (error: unknown) => this.onError(runnable, error),
      )
      .finally(() => this.running.delete(done));
    this.running.set(done, runnable);
  }
}
