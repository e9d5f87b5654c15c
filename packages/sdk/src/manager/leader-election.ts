import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Gauge, Registry } from 'prom-client';
import { builtin, type Lease } from '../client/builtin.js';
import { isAlreadyExists, isConflict } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import { type Logger, silentLogger } from '../log/logger.js';
import { nextAcquireDelayMs, type ObservedLease } from './acquire-schedule.js';
import { LeaderElectionLostError } from './errors.js';
import { leaderElectionMasterStatus } from './leader-election-metrics.js';
import { formatMicroTime } from './micro-time.js';
import { sleep, withDeadline } from './timing.js';

/** How long a lease lasts and how often it is renewed; the defaults are controller-runtime's. */
export interface LeaderElectionTimings {
  /** How long followers wait after the last observed renewal before taking the lease over. Default 15 000. */
  leaseDurationMs?: number;
  /** How long the leader keeps retrying a failing renewal before it gives up leadership. Default 10 000. */
  renewDeadlineMs?: number;
  /** The pause between two acquire or renew attempts. Default 2 000. */
  retryPeriodMs?: number;
}

/** Options of a {@link LeaderElector}. */
export interface LeaderElectorOptions extends LeaderElectionTimings {
  client: KubeClient;
  /** Namespace of the `coordination.k8s.io/v1` Lease. */
  namespace: string;
  /** Name of the Lease; one per component (e.g. `capi-incus-controller-manager-leader-election`). */
  name: string;
  /** Who this process is in `spec.holderIdentity`; defaults to `<hostname>_<random UUID>`. */
  identity?: string;
  /** Hand the lease back (empty holder, 1 s duration) when leadership ends on purpose. Default true. */
  releaseOnCancel?: boolean;
  logger?: Logger;
  /** Where `leader_election_master_status{name}` is reported; no metric when absent. */
  registry?: Registry;
}

/** controller-runtime's defaults: lease 15 s, renew deadline 10 s, retry every 2 s. */
export const DEFAULT_LEADER_ELECTION_TIMINGS: Required<LeaderElectionTimings> = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

/** client-go's configuration rule: the renew deadline must exceed this many retry periods (its `JitterFactor`). */
const MIN_RENEW_DEADLINE_RETRY_PERIODS = 1.2;

/** The Lease fields the election reads, as last seen, and when (monotonic clock) they last changed. */
interface Observation extends ObservedLease {
  /** The election fields serialised, to notice any change. */
  record: string;
}

/**
 * Leader election on a `coordination.k8s.io/v1` Lease with client-go's semantics. A candidate takes the lease
 * when it is free (empty holder) or when its record has not changed for `leaseDurationSeconds` *as measured on
 * the candidate's own clock*, so clock skew between nodes does not matter. Writes use the Lease's
 * resourceVersion, so two candidates can never both win. The leader renews every retry period and gives
 * leadership up when no renewal succeeds within the renew deadline.
 *
 * Unlike client-go, a candidate does not poll blindly: it reads the lease every retry period with a jitter of at
 * most 20 % (to notice renewals), and while another holder's lease is valid it schedules its next attempt for
 * 100 ms after that lease expires by its own clock (`ACQUIRE_JITTER_FACTOR`, `EXPIRY_MARGIN_MS` and
 * `nextAcquireDelayMs` in `acquire-schedule.ts`).
 *
 * **Handover bound** when the leader crashes without releasing the lease, with lease duration `L`, renew deadline
 * `D`, retry period `R`, jitter `j` = 0.2, margin `m` = 0.1 s, and API round trips of at most `rtt`. Let `t` be
 * when the leader's last renewal was written:
 * 1. A follower reads the lease at least every `R(1 + j)`, so it sees that renewal, and starts its expiry clock,
 *    by `t + R(1 + j) + rtt`.
 * 2. Its next attempt is scheduled `L + m` later (the earlier reads see an unchanged, valid record) and takes a
 *    read and an update: `+ L + m + 2 rtt`.
 *
 * So the follower leads by `t + L + R(1 + j) + m + 3 rtt`. The crash happens after `t`, and at most `R + 3 rtt`
 * after it because the leader renews every `R`, so the handover takes between `L − R − 3 rtt` and
 * `L + R(1 + j) + m + 3 rtt` after the crash: **13 s to 17.5 s + 3 rtt with the defaults** (15 s / 10 s / 2 s).
 * client-go's blind polling with pauses of up to `2.2 R` can need `L + 4.4 R` (23.8 s). Safety is unchanged: the
 * old leader stops leading at most `R + D + rtt` (12 s + rtt) after `t`, before any follower's clock, which starts
 * no earlier than `t`, reaches `L` (15 s).
 *
 * Usable on its own: `await elector.acquire(signal)`, start the leader-only work, then
 * `await elector.keepLeadership(signal)`, which rejects with {@link LeaderElectionLostError} when the lease is
 * lost and releases it when `signal` aborts.
 */
export class LeaderElector {
  /** This candidate's `holderIdentity`. */
  readonly identity: string;
  /** `<namespace>/<name>` of the Lease. */
  readonly lease: string;
  private readonly client: KubeClient;
  private readonly namespace: string;
  private readonly name: string;
  private readonly timings: Required<LeaderElectionTimings>;
  private readonly leaseDurationSeconds: number;
  private readonly releaseOnCancel: boolean;
  private readonly logger: Logger;
  private readonly masterStatus?: Gauge<'name'>;
  private observed?: Observation;

  constructor(options: LeaderElectorOptions) {
    this.client = options.client;
    this.namespace = options.namespace;
    this.name = options.name;
    this.lease = `${options.namespace}/${options.name}`;
    this.identity = options.identity ?? `${hostname()}_${randomUUID()}`;
    this.timings = {
      leaseDurationMs: options.leaseDurationMs ?? DEFAULT_LEADER_ELECTION_TIMINGS.leaseDurationMs,
      renewDeadlineMs: options.renewDeadlineMs ?? DEFAULT_LEADER_ELECTION_TIMINGS.renewDeadlineMs,
      retryPeriodMs: options.retryPeriodMs ?? DEFAULT_LEADER_ELECTION_TIMINGS.retryPeriodMs,
    };
    validate(this.timings, this.identity, options.namespace, options.name);
    this.leaseDurationSeconds = Math.ceil(this.timings.leaseDurationMs / 1000);
    this.releaseOnCancel = options.releaseOnCancel ?? true;
    this.logger = (options.logger ?? silentLogger()).child({ lease: this.lease, identity: this.identity });
    if (options.registry) {
      this.masterStatus = leaderElectionMasterStatus(options.registry);
      this.masterStatus.set({ name: this.name }, 0);
    }
  }

  /** True while the last observed Lease names this candidate as holder. */
  get isLeader(): boolean {
    return this.observed?.holder === this.identity;
  }

  /** The holder of the lease as last observed, or `undefined` when free or not yet read. */
  get leader(): string | undefined {
    return this.observed?.holder || undefined;
  }

  /**
   * One attempt (client-go's `tryAcquireOrRenew`): creates the Lease when missing, takes it when free or
   * expired, renews it when held by this candidate. False when another holder's lease is still valid or a
   * concurrent writer won the race; API errors other than conflicts are thrown.
   */
  async tryAcquireOrRenew(): Promise<boolean> {
    const now = formatMicroTime(new Date());
    const current = await this.client.getOptional(builtin.lease, { namespace: this.namespace, name: this.name });
    if (!current) return await this.createLease(now);
    this.observe(current);
    const spec = current.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    if (holder !== '' && holder !== this.identity && this.observedLeaseValid()) return false;
    const renewing = holder === this.identity;
    const transitions = spec.leaseTransitions ?? 0;
    const desired: Lease = {
      ...current,
      spec: {
        ...spec,
        holderIdentity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
        acquireTime: renewing ? (spec.acquireTime ?? now) : now,
        renewTime: now,
        leaseTransitions: renewing ? transitions : transitions + 1,
      },
    };
    try {
      this.observe(await this.client.update(builtin.lease, desired));
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  /**
   * Tries to take the lease until it succeeds: every retry period (jittered by up to 20 %), and just after another
   * holder's lease expires by this candidate's clock when that comes sooner. Resolves true once this candidate
   * leads, false when `signal` aborts first.
   */
  async acquire(signal: AbortSignal): Promise<boolean> {
    this.logger.info('attempting to acquire leader lease');
    while (!signal.aborted) {
      if (await this.attempt(this.timings.renewDeadlineMs)) {
        this.logger.info('successfully acquired lease');
        this.masterStatus?.set({ name: this.name }, 1);
        return true;
      }
      const delayMs = nextAcquireDelayMs({
        identity: this.identity,
        observed: this.observed,
        now: performance.now(),
        retryPeriodMs: this.timings.retryPeriodMs,
        random: Math.random,
      });
      await sleep(delayMs, signal);
    }
    return false;
  }

  /**
   * Renews the lease every retry period until `signal` aborts, then releases it when `releaseOnCancel` is set.
   * Rejects with {@link LeaderElectionLostError} when no renewal succeeds within the renew deadline.
   */
  async keepLeadership(signal: AbortSignal): Promise<void> {
    const { renewDeadlineMs, retryPeriodMs } = this.timings;
    while (!signal.aborted) {
      const deadline = performance.now() + renewDeadlineMs;
      let renewed = false;
      while (!signal.aborted && !renewed && performance.now() < deadline) {
        renewed = await this.attempt(deadline - performance.now());
        if (!renewed) await sleep(Math.min(retryPeriodMs, deadline - performance.now()), signal);
      }
      if (signal.aborted) break;
      if (!renewed) {
        this.masterStatus?.set({ name: this.name }, 0);
        this.logger.error({ renewDeadlineMs }, 'failed to renew lease: leadership lost');
        throw new LeaderElectionLostError(this.lease, this.identity);
      }
      await sleep(retryPeriodMs, signal);
    }
    if (this.releaseOnCancel) await this.release();
    this.masterStatus?.set({ name: this.name }, 0);
  }

  /**
   * Steps down: clears `holderIdentity` and sets `leaseDurationSeconds` to 1 so that another candidate takes
   * over at once. Resolves false (and logs) when this candidate was not the holder or the update failed.
   */
  async release(): Promise<boolean> {
    if (!this.isLeader) return false;
    this.masterStatus?.set({ name: this.name }, 0);
    try {
      const current = await this.client.get(builtin.lease, { namespace: this.namespace, name: this.name });
      if (current.spec?.holderIdentity !== this.identity) return false;
      const now = formatMicroTime(new Date());
      const released: Lease = {
        ...current,
        spec: { ...current.spec, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now },
      };
      this.observe(await this.client.update(builtin.lease, released));
      this.logger.info('released leader lease');
      return true;
    } catch (err) {
      this.logger.error({ err }, 'failed to release leader lease');
      return false;
    }
  }

  private async createLease(now: string): Promise<boolean> {
    const lease: Lease = {
      metadata: { namespace: this.namespace, name: this.name },
      spec: {
        holderIdentity: this.identity,
        leaseDurationSeconds: this.leaseDurationSeconds,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: 0,
      },
    };
    try {
      this.observe(await this.client.create(builtin.lease, lease));
      return true;
    } catch (err) {
      if (isAlreadyExists(err)) return false;
      throw err;
    }
  }

  /** {@link tryAcquireOrRenew} that logs errors instead of throwing and gives up after `timeoutMs`. */
  private async attempt(timeoutMs: number): Promise<boolean> {
    const outcome = this.tryAcquireOrRenew().catch((err: unknown) => {
      this.logger.warn({ err }, 'error acquiring or renewing leader lease');
      return false;
    });
    return await withDeadline(outcome, timeoutMs, false);
  }

  /** Records the Lease; restarts the expiry clock whenever its election record changed (client-go semantics). */
  private observe(lease: Lease): void {
    const spec = lease.spec ?? {};
    const record = JSON.stringify([
      spec.holderIdentity ?? '',
      spec.leaseDurationSeconds ?? 0,
      spec.acquireTime ?? '',
      spec.renewTime ?? '',
      spec.leaseTransitions ?? 0,
    ]);
    if (record === this.observed?.record) return;
    const holder = spec.holderIdentity ?? '';
    if (holder !== this.observed?.holder && holder !== '') this.logger.info({ leader: holder }, 'new leader elected');
    this.observed = {
      record,
      holder,
      durationMs: (spec.leaseDurationSeconds ?? 0) * 1000,
      observedAt: performance.now(),
    };
  }

  private observedLeaseValid(): boolean {
    const observed = this.observed;
    return observed !== undefined && observed.observedAt + observed.durationMs > performance.now();
  }
}

function validate(timings: Required<LeaderElectionTimings>, identity: string, namespace: string, name: string): void {
  const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = timings;
  if (!namespace || !name) throw new Error('leader election needs the namespace and name of its Lease');
  if (!identity) throw new Error('leader election identity must not be empty');
  if (retryPeriodMs <= 0) throw new Error('retryPeriodMs must be greater than zero');
  if (leaseDurationMs <= renewDeadlineMs) throw new Error('leaseDurationMs must be greater than renewDeadlineMs');
  if (renewDeadlineMs <= MIN_RENEW_DEADLINE_RETRY_PERIODS * retryPeriodMs) {
    throw new Error(`renewDeadlineMs must be greater than ${MIN_RENEW_DEADLINE_RETRY_PERIODS} × retryPeriodMs`);
  }
}
