import { setTimeout as delay } from 'node:timers/promises';
import type { PlannedKill } from './crash-plan.js';

/** Kills running in the background during one window of the scenario; see {@link killDuring}. */
export interface KillLoop {
  /** Rejects as soon as a kill fails (the provider did not come back); never resolves. Race the scenario's waits with it. */
  readonly failure: Promise<never>;
  /**
   * Closes the window: no further kill starts, a kill under way finishes (its restart included). Resolves with the
   * planned kills that did not happen; rejects with the error of a kill that failed.
   */
  stop(): Promise<PlannedKill[]>;
}

/**
 * Runs `kill` once per planned kill, in order, each after its random delay (counted from the start or from the end of
 * the previous kill), in the background while the scenario goes on, until the plan is done or {@link KillLoop.stop}.
 * The delays are the random moments of the crash plan, not a synchronisation: the scenario waits for its own
 * conditions with `eventually`.
 */
export function killDuring(kills: readonly PlannedKill[], kill: (planned: PlannedKill) => Promise<void>): KillLoop {
  const window = new AbortController();
  let done = 0;
  const running = (async () => {
    for (const planned of kills) {
      try {
        await delay(planned.delayMs, undefined, { signal: window.signal });
      } catch {
        return;
      }
      await kill(planned);
      done++;
    }
  })();
  const failure = running.then(() => new Promise<never>(() => undefined));
  // A failed kill is reported by failure and stop(); it must not surface as an unhandled rejection before.
  failure.catch(() => undefined);
  return {
    failure,
    async stop() {
      window.abort();
      await running;
      return kills.slice(done);
    },
  };
}
