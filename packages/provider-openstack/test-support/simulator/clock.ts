/**
 * The simulator's clock. State transitions (server BUILD → ACTIVE, load balancer PENDING_* → ACTIVE, …) are
 * scheduled on it instead of on bare timers so tests can drive them deterministically.
 *
 * - `auto`: time is wall-clock time (plus whatever was advanced) and scheduled transitions fire by themselves
 *   after their delay, as in a real cloud; a polling client simply sees them happen.
 * - `manual`: time stands still until {@link SimulatorClock.advance} or {@link SimulatorClock.settle} moves it.
 */
export type ClockMode = 'auto' | 'manual';

interface ScheduledTransition {
  readonly due: number;
  readonly sequence: number;
  readonly action: () => void;
  timer?: NodeJS.Timeout;
}

/** Virtual time plus the queue of pending transitions. */
export class SimulatorClock {
  private offset = 0;
  private sequence = 0;
  private readonly pending = new Set<ScheduledTransition>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly manualStart = Date.now();

  constructor(readonly mode: ClockMode) {}

  /** Current simulated time in epoch milliseconds. */
  now(): number {
    return (this.mode === 'auto' ? Date.now() : this.manualStart) + this.offset;
  }

  /** Current simulated time as a `Date`. */
  date(): Date {
    return new Date(this.now());
  }

  /** Number of transitions that have not happened yet. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Runs `action` once `delayMs` of simulated time has passed. */
  schedule(delayMs: number, action: () => void): void {
    const entry: ScheduledTransition = { due: this.now() + Math.max(0, delayMs), sequence: this.sequence++, action };
    this.pending.add(entry);
    if (this.mode === 'auto') {
      entry.timer = setTimeout(() => this.run(entry), Math.max(0, delayMs));
      entry.timer.unref();
    }
  }

  /** Moves time forward by `ms` and runs, in due order, every transition that became due (including ones they schedule). */
  advance(ms: number): void {
    const target = this.now() + ms;
    for (let next = this.earliest(); next && next.due <= target; next = this.earliest()) {
      if (next.due > this.now()) this.offset += next.due - this.now();
      this.run(next);
    }
    this.offset += target - this.now();
    this.rearmTimers();
  }

  /** Runs every pending transition (and those they schedule) in due order, moving time to the last one's due time. */
  settle(): void {
    for (let next = this.earliest(); next; next = this.earliest()) {
      if (next.due > this.now()) this.offset += next.due - this.now();
      this.run(next);
    }
  }

  /** Resolves once no transition is pending (in `auto` mode by waiting for the timers; in `manual` mode after {@link settle}). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    if (this.mode === 'manual') {
      this.settle();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels every pending transition's timer. */
  stop(): void {
    for (const entry of this.pending) clearTimeout(entry.timer);
    this.pending.clear();
    this.notifyIdle();
  }

  /** In `auto` mode, re-arms the remaining timers after time jumped, so they fire at their new simulated due time. */
  private rearmTimers(): void {
    if (this.mode !== 'auto') return;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.run(entry), Math.max(0, entry.due - this.now()));
      entry.timer.unref();
    }
  }

  private earliest(): ScheduledTransition | undefined {
    let best: ScheduledTransition | undefined;
    for (const entry of this.pending) {
      if (!best || entry.due < best.due || (entry.due === best.due && entry.sequence < best.sequence)) best = entry;
    }
    return best;
  }

  private run(entry: ScheduledTransition): void {
    if (!this.pending.delete(entry)) return;
    clearTimeout(entry.timer);
    entry.action();
    if (this.pending.size === 0) this.notifyIdle();
  }

  private notifyIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
