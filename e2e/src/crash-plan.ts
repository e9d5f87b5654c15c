/** The windows of the crash-safety scenario in which the Incus provider is killed. */
export type CrashWindow = 'provisioning' | 'deletion';

/** One planned `kill -9`: in which window, and how long after the window opened or the previous restart. */
export interface PlannedKill {
  readonly window: CrashWindow;
  readonly delayMs: number;
}

/** The kills of one run, reproducible from `seed` and `trials`. */
export interface CrashPlan {
  readonly seed: number;
  readonly trials: number;
  readonly kills: readonly PlannedKill[];
}

/** The longest random wait before a kill, per window: provisioning takes minutes, deletion tens of seconds. */
export const MAX_KILL_DELAY_MS: Readonly<Record<CrashWindow, number>> = { provisioning: 8_000, deletion: 3_000 };

/** `CAPI_TS_CRASH_TRIALS` when unset: the CI-sized run. */
export const DEFAULT_CRASH_TRIALS = 2;

/** mulberry32: a small seeded generator of numbers in [0, 1), so that a seed replays the same plan. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `trials` kills at random moments: about a third of them (at least one when there are two or more) while the
 * Cluster is deleted, the others while it provisions; each one a random delay, up to {@link MAX_KILL_DELAY_MS} of
 * its window, after its window opened or after the provider came back from the previous kill.
 */
export function planCrashes(seed: number, trials: number): CrashPlan {
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`crash trials must be a positive integer: ${trials}`);
  const random = seededRandom(seed);
  const deletion = trials >= 2 ? Math.max(1, Math.round(trials * 0.3)) : 0;
  const windows: CrashWindow[] = [
    ...Array<CrashWindow>(trials - deletion).fill('provisioning'),
    ...Array<CrashWindow>(deletion).fill('deletion'),
  ];
  const kills = windows.map((window) => ({ window, delayMs: Math.round(random() * MAX_KILL_DELAY_MS[window]) }));
  return { seed, trials, kills };
}

/**
 * The plan of a run from `CAPI_TS_CRASH_TRIALS` (default {@link DEFAULT_CRASH_TRIALS}) and `CAPI_TS_CRASH_SEED`
 * (default a fresh random seed): set both to the values a failed run printed to replay its plan.
 */
export function crashPlanFromEnvironment(env: NodeJS.ProcessEnv = process.env): CrashPlan {
  const integer = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d+$/.test(text)) throw new Error(`${name} must be a non-negative integer, not "${text}"`);
    return Number(text);
  };
  return planCrashes(
    integer('CAPI_TS_CRASH_SEED', Math.floor(Math.random() * 2 ** 32)),
    integer('CAPI_TS_CRASH_TRIALS', DEFAULT_CRASH_TRIALS),
  );
}

/** The plan in one line, with the variables that replay it. */
export function describeCrashPlan(plan: CrashPlan): string {
  const delays = (window: CrashWindow) =>
    plan.kills
      .filter((k) => k.window === window)
      .map((k) => `${(k.delayMs / 1000).toFixed(1)} s`)
      .join(', ');
  return (
    `crash plan CAPI_TS_CRASH_SEED=${plan.seed} CAPI_TS_CRASH_TRIALS=${plan.trials}: ` +
    `provisioning kills after [${delays('provisioning')}], deletion kills after [${delays('deletion')}]`
  );
}
