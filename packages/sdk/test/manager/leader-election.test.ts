import fc from 'fast-check';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin, type Lease } from '../../src/client/builtin.js';
import { KubeClient } from '../../src/client/kube-client.js';
import {
  ACQUIRE_JITTER_FACTOR,
  EXPIRY_MARGIN_MS,
  nextAcquireDelayMs,
  type ObservedLease,
} from '../../src/manager/acquire-schedule.js';
import { LeaderElectionLostError } from '../../src/manager/errors.js';
import { LeaderElector, type LeaderElectorOptions } from '../../src/manager/leader-election.js';
import { formatMicroTime } from '../../src/manager/micro-time.js';
import { eventually, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Short timings so that expiry and renewal happen within a test. */
const FAST = { leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 250 };
/** Allowance for API round trips and timers firing late on a busy machine. */
const SLACK_MS = 350;

describe('nextAcquireDelayMs', () => {
  const R = 2_000;
  const schedule = (observed: ObservedLease | undefined, now: number, random = 0) =>
    nextAcquireDelayMs({ identity: 'me', observed, now, retryPeriodMs: R, random: () => random });
  const held = (holder: string, observedAt = 1_000): ObservedLease => ({ holder, durationMs: 15_000, observedAt });

  it('waits one retry period, jittered by at most ACQUIRE_JITTER_FACTOR, when nobody else holds a valid lease', () => {
    expect(ACQUIRE_JITTER_FACTOR).toBe(0.2);
    for (const observed of [undefined, held(''), held('me')]) {
      expect(schedule(observed, 2_000, 0)).toBe(R);
      expect(schedule(observed, 2_000, 0.5)).toBe(R * 1.1);
      expect(schedule(observed, 2_000, 0.999_999)).toBeLessThan(R * 1.2);
    }
  });

  it('keeps reading every retry period while a foreign lease is far from expiry', () => {
    expect(schedule(held('other'), 1_000, 0.5)).toBe(R * 1.1);
    expect(schedule(held('other'), 12_000, 0)).toBe(R);
  });

  it('wakes just after a foreign lease expires by the own clock when that comes before the next retry', () => {
    // Observed at 1 s with a 15 s duration: expires at 16 s on the candidate's clock.
    expect(schedule(held('other'), 15_000, 0.5)).toBe(1_000 + EXPIRY_MARGIN_MS);
    expect(schedule(held('other'), 15_999, 0)).toBe(1 + EXPIRY_MARGIN_MS);
  });

  it('falls back to the retry period once the foreign lease has expired (an attempt failed: no busy loop)', () => {
    expect(schedule(held('other'), 16_000, 0)).toBe(R);
    expect(schedule(held('other'), 20_000, 0.5)).toBe(R * 1.1);
  });

  it('never waits past the observed expiry plus the margin, nor longer than a jittered retry period', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'me', 'other'),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (holder, durationMs, observedAt, now, retryPeriodMs, random) => {
          const observed = { holder, durationMs, observedAt };
          const delay = nextAcquireDelayMs({ identity: 'me', observed, now, retryPeriodMs, random: () => random });
          expect(delay).toBeGreaterThan(0);
          expect(delay).toBeLessThanOrEqual(retryPeriodMs * (1 + ACQUIRE_JITTER_FACTOR));
          const expiresAt = observedAt + durationMs;
          if (holder === 'other' && expiresAt > now) {
            expect(now + delay).toBeLessThanOrEqual(expiresAt + EXPIRY_MARGIN_MS);
          }
        },
      ),
    );
  });
});

describe('LeaderElector against a real API server', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  let leaseCount = 0;

  beforeAll(async () => {
    env = await startTestEnvironment();
    client = new KubeClient(env.kubeConfig);
  });
  afterAll(async () => {
    await env?.stop();
  });

  const freshLease = () => `lease-${++leaseCount}`;
  const elector = (name: string, identity: string, options: Partial<LeaderElectorOptions> = {}) =>
    new LeaderElector({ client, namespace: 'default', name, identity, ...FAST, ...options });
  const readLease = (name: string) => client.get(builtin.lease, { namespace: 'default', name });

  it('acquires a free lease by creating it with client-go fields', async () => {
    const name = freshLease();
    const a = elector(name, 'a');
    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(a.isLeader).toBe(true);
    const lease = await readLease(name);
    expect(lease.spec).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 2, leaseTransitions: 0 });
    expect(lease.spec?.acquireTime).toMatch(MICRO_TIME);
    expect(lease.spec?.renewTime).toBe(lease.spec?.acquireTime);
  });

  it('renews: renewTime moves, acquireTime and leaseTransitions stay', async () => {
    const name = freshLease();
    const a = elector(name, 'a');
    await a.tryAcquireOrRenew();
    const first = await readLease(name);
    await eventually(async () => {
      expect(await a.tryAcquireOrRenew()).toBe(true);
      const renewed = await readLease(name);
      expect(renewed.spec?.renewTime).not.toBe(first.spec?.renewTime);
      expect(renewed.spec?.acquireTime).toBe(first.spec?.acquireTime);
      expect(renewed.spec?.leaseTransitions).toBe(0);
    });
  });

  it('does not take a lease another holder keeps renewing, and takes it over once it expires', async () => {
    const name = freshLease();
    const a = elector(name, 'a', { releaseOnCancel: false });
    const b = elector(name, 'b');
    await a.tryAcquireOrRenew();
    const aLeads = new AbortController();
    const aKeeps = a.keepLeadership(aLeads.signal);
    let acquiredAt = 0;
    const bAcquires = b.acquire(new AbortController().signal).then((ok) => {
      acquiredAt = Date.now();
      return ok;
    });
    // Two full lease durations in which "a" renews: "b" must keep waiting.
    await new Promise((resolve) => setTimeout(resolve, FAST.leaseDurationMs * 2));
    expect(acquiredAt).toBe(0);
    expect(b.leader).toBe('a');
    const before = await readLease(name);

    // "a" crashes: it stops renewing and does not release the lease.
    const crashedAt = Date.now();
    aLeads.abort();
    await aKeeps;
    expect((await readLease(name)).spec?.holderIdentity).toBe('a');

    expect(await bAcquires).toBe(true);
    // "b" saw a's last renewal at most a jittered retry period late, then woke just after the expiry.
    expect(acquiredAt - crashedAt).toBeGreaterThanOrEqual(FAST.leaseDurationMs - FAST.retryPeriodMs * 3);
    expect(acquiredAt - crashedAt).toBeLessThan(
      FAST.leaseDurationMs + FAST.retryPeriodMs * (1 + ACQUIRE_JITTER_FACTOR) + EXPIRY_MARGIN_MS + SLACK_MS,
    );
    const after = await readLease(name);
    expect(after.spec?.holderIdentity).toBe('b');
    expect(after.spec?.leaseTransitions).toBe((before.spec?.leaseTransitions ?? 0) + 1);
    expect(after.spec?.acquireTime).not.toBe(before.spec?.acquireTime);
  });

  it('takes a foreign lease over just after it expires by its own clock, whatever the lease timestamps say', async () => {
    const name = freshLease();
    // Renewed "an hour ago" by a node whose clock may be skewed: only the candidate's own clock counts.
    const anHourAgo = formatMicroTime(new Date(Date.now() - 3_600_000));
    await client.create(builtin.lease, {
      metadata: { namespace: 'default', name },
      spec: {
        holderIdentity: 'ghost',
        leaseDurationSeconds: 5,
        acquireTime: anHourAgo,
        renewTime: anHourAgo,
        leaseTransitions: 3,
      },
    });
    // Reads at 0, ~2 s and ~4 s find the lease valid; the expiry (5 s after the first read) comes before the
    // next retry (~6 s), so the candidate wakes for it instead.
    const b = elector(name, 'b', { leaseDurationMs: 5_000, renewDeadlineMs: 3_000, retryPeriodMs: 2_000 });
    const started = performance.now();
    expect(await b.acquire(new AbortController().signal)).toBe(true);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(5_000);
    expect(elapsed).toBeLessThan(5_000 + EXPIRY_MARGIN_MS + SLACK_MS);
    const lease = await readLease(name);
    expect(lease.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 4, leaseDurationSeconds: 5 });
  });

  it('lets exactly one of two racing candidates win (optimistic concurrency)', async () => {
    for (let round = 0; round < 5; round++) {
      const name = freshLease();
      const candidates = ['x', 'y', 'z'].map((id) => elector(name, id));
      const results = await Promise.all(candidates.map((c) => c.tryAcquireOrRenew()));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = candidates[results.indexOf(true)]!;
      expect((await readLease(name)).spec?.holderIdentity).toBe(winner.identity);

      // Race again on the update path: the lease exists and has been released.
      await winner.release();
      const again = await Promise.all(candidates.map((c) => c.tryAcquireOrRenew()));
      expect(again.filter(Boolean)).toHaveLength(1);
    }
  });

  it('releases on cancel so that the next candidate acquires at once', async () => {
    const name = freshLease();
    const slow = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 250 };
    const a = elector(name, 'a', slow);
    const b = elector(name, 'b', slow);
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    const aLeads = new AbortController();
    const aKeeps = a.keepLeadership(aLeads.signal);
    expect(await b.tryAcquireOrRenew()).toBe(false);

    aLeads.abort();
    await aKeeps;
    const released = await readLease(name);
    expect(released.spec?.holderIdentity ?? '').toBe('');
    expect(released.spec?.leaseDurationSeconds).toBe(1);
    expect(a.isLeader).toBe(false);

    const started = Date.now();
    expect(await b.acquire(new AbortController().signal)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await readLease(name)).spec?.holderIdentity).toBe('b');
  });

  it('gives leadership up when another writer takes the lease, and reports it in the metric', async () => {
    const name = freshLease();
    const registry = new Registry();
    const a = elector(name, 'a', { registry });
    const status = async () => (await registry.getSingleMetric('leader_election_master_status')?.get())?.values;
    expect(await status()).toEqual([{ labels: { name }, value: 0 }]);
    expect(await a.acquire(new AbortController().signal)).toBe(true);
    expect(await status()).toEqual([{ labels: { name }, value: 1 }]);

    const stop = new AbortController();
    const keeping = a.keepLeadership(stop.signal).catch((err: unknown) => err);
    await eventually(async () => {
      const current = await readLease(name);
      const stolen: Lease = {
        ...current,
        spec: { ...current.spec, holderIdentity: 'intruder', leaseDurationSeconds: 3600 },
      };
      await client.update(builtin.lease, stolen);
    });
    const started = Date.now();
    const error = await keeping;
    expect(error).toBeInstanceOf(LeaderElectionLostError);
    expect(Date.now() - started).toBeLessThan(FAST.renewDeadlineMs + FAST.retryPeriodMs * 3);
    expect(a.isLeader).toBe(false);
    expect(a.leader).toBe('intruder');
    expect(await status()).toEqual([{ labels: { name }, value: 0 }]);
    stop.abort();
  });
});
