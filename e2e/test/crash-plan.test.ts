import { describe, expect, it } from 'vitest';
import {
  crashPlanFromEnvironment,
  DEFAULT_CRASH_TRIALS,
  describeCrashPlan,
  MAX_KILL_DELAY_MS,
  type PlannedKill,
  planCrashes,
  seededRandom,
} from '../src/crash-plan.js';
import { killDuring } from '../src/kill-loop.js';

describe('crash plan of the crash-safety scenario', () => {
  it('is the same plan for the same seed and a different one for another seed', () => {
    expect(planCrashes(42, 10)).toEqual(planCrashes(42, 10));
    expect(planCrashes(42, 10).kills).not.toEqual(planCrashes(43, 10).kills);
    const random = seededRandom(7);
    const draws = Array.from({ length: 1000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('puts about a third of the kills in the deletion window, each within its window’s longest delay', () => {
    const windows = (trials: number) => planCrashes(1, trials).kills.map((k) => k.window);
    expect(windows(1)).toEqual(['provisioning']);
    expect(windows(2)).toEqual(['provisioning', 'deletion']);
    expect(windows(10).filter((w) => w === 'deletion')).toHaveLength(3);
    for (const kill of planCrashes(9, 50).kills) {
      expect(kill.delayMs).toBeGreaterThanOrEqual(0);
      expect(kill.delayMs).toBeLessThanOrEqual(MAX_KILL_DELAY_MS[kill.window]);
    }
    expect(() => planCrashes(1, 0)).toThrow(/positive integer/);
  });

  it('reads CAPI_TS_CRASH_TRIALS and CAPI_TS_CRASH_SEED, and prints the variables that replay the plan', () => {
    const plan = crashPlanFromEnvironment({ CAPI_TS_CRASH_TRIALS: '10', CAPI_TS_CRASH_SEED: '1234' });
    expect(plan).toEqual(planCrashes(1234, 10));
    expect(describeCrashPlan(plan)).toMatch(
      /^crash plan CAPI_TS_CRASH_SEED=1234 CAPI_TS_CRASH_TRIALS=10: provisioning/,
    );
    expect(crashPlanFromEnvironment({}).trials).toBe(DEFAULT_CRASH_TRIALS);
    expect(() => crashPlanFromEnvironment({ CAPI_TS_CRASH_TRIALS: 'ten' })).toThrow(/CAPI_TS_CRASH_TRIALS/);
  });
});

describe('killDuring', () => {
  it('kills in order and, once stopped, starts no other kill and returns those left', async () => {
    const killed: number[] = [];
    const kills: PlannedKill[] = [0, 0, 60_000].map((delayMs) => ({ window: 'provisioning', delayMs }));
    const loop = killDuring(kills, async (k) => {
      killed.push(kills.indexOf(k));
    });
    await expect.poll(() => killed).toEqual([0, 1]);
    expect(await loop.stop()).toEqual([kills[2]]);
    expect(killed).toEqual([0, 1]);
  });

  it('reports a failed kill through failure and stop', async () => {
    const loop = killDuring([{ window: 'deletion', delayMs: 0 }], async () => {
      throw new Error('did not come back');
    });
    await expect(loop.failure).rejects.toThrow('did not come back');
    await expect(loop.stop()).rejects.toThrow('did not come back');
  });
});
