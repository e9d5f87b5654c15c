import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin } from '../../src/client/builtin.js';
import { KubeClient } from '../../src/client/kube-client.js';
import { controllerBuilder } from '../../src/controller/builder.js';
import { silentLogger } from '../../src/log/logger.js';
import { DEFAULT_LEADER_ELECTION_TIMINGS } from '../../src/manager/leader-election.js';
import { Manager, type ManagerLeaderElectionOptions } from '../../src/manager/manager.js';
import { eventually, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const WATCHED = { namespace: 'default', name: 'watched' };

interface Replica {
  name: string;
  manager: Manager;
  /** Reconciles of the watched ConfigMap by this replica's controller, and when (`Date.now()`) the first ran. */
  reconciles: { count: number; firstAt?: number };
  stop: AbortController;
  done: Promise<unknown>;
}

describe('two managers with leader election', () => {
  let env: TestEnvironment;
  let client: KubeClient;

  beforeAll(async () => {
    env = await startTestEnvironment();
    client = new KubeClient(env.kubeConfig);
    await client.create(builtin.configMap, { metadata: WATCHED, data: { touched: '0' } });
  });
  afterAll(async () => {
    await env?.stop();
  });

  const startReplica = (name: string, election: Omit<ManagerLeaderElectionOptions, 'enabled' | 'namespace'>) => {
    const manager = new Manager({
      kubeConfig: env.kubeConfig,
      logger: silentLogger(),
      metricsBindAddress: '127.0.0.1:0',
      healthProbeBindAddress: '0',
      leaderElection: { enabled: true, namespace: 'default', identity: name, ...election },
    });
    const reconciles: Replica['reconciles'] = { count: 0 };
    const controller = controllerBuilder({ cache: manager.cache, registry: manager.registry, logger: manager.logger })
      .for(builtin.configMap)
      .build(async (request) => {
        if (request.name !== WATCHED.name) return;
        reconciles.firstAt ??= Date.now();
        reconciles.count++;
      });
    manager.add(controller);
    const stop = new AbortController();
    const done = manager.start(stop.signal).catch((err: unknown) => err);
    return { name, manager, reconciles, stop, done } satisfies Replica;
  };

  /** Changes the watched ConfigMap, which the leading replica's controller must reconcile. */
  const touch = () => client.mergePatch(builtin.configMap, WATCHED, { data: { touched: String(Date.now()) } });

  const masterStatus = async (replica: Replica, lease: string) => {
    const port = replica.manager.metricsAddress?.port;
    const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return new RegExp(`leader_election_master_status\\{name="${lease}"\\} (\\d)`).exec(body)?.[1];
  };

  /** Starts two replicas, waits for one to lead, and checks that only the leader's controller reconciles. */
  const electOne = async (id: string, election: Omit<ManagerLeaderElectionOptions, 'enabled' | 'namespace' | 'id'>) => {
    const replicas = [startReplica(`${id}-a`, { id, ...election }), startReplica(`${id}-b`, { id, ...election })];
    const leader = await Promise.race(replicas.map((r) => r.manager.elected().then(() => r)));
    const follower = replicas.find((r) => r !== leader)!;
    await eventually(() => expect(leader.reconciles.count).toBeGreaterThan(0));
    const before = leader.reconciles.count;
    await touch();
    await eventually(() => expect(leader.reconciles.count).toBeGreaterThan(before));
    expect(follower.reconciles.count).toBe(0);
    expect(follower.manager.isLeader).toBe(false);
    expect(await masterStatus(leader, id)).toBe('1');
    await eventually(async () => expect(await masterStatus(follower, id)).toBe('0'));
    const lease = await client.get(builtin.lease, { namespace: 'default', name: id });
    expect(lease.spec?.holderIdentity).toBe(leader.name);
    return { leader, follower };
  };

  it('runs the controller on one replica only, and hands over within 20 s when the leader crashes', async () => {
    // Default timings (15 s / 10 s / 2 s). The crash skips the release, so the follower must wait for the lease to
    // expire by its own clock: between about 13 s (lease duration minus the leader's renew period) and 17.5 s
    // (lease duration + the follower's jittered read period + the wake margin), see LeaderElector's TSDoc.
    const { leaseDurationMs, retryPeriodMs } = DEFAULT_LEADER_ELECTION_TIMINGS;
    const { leader, follower } = await electOne('crash-test', { releaseOnCancel: false });
    const crashedAt = Date.now();
    leader.stop.abort();
    expect(await leader.done).toBeUndefined();
    const reconciledByCrashedLeader = leader.reconciles.count;
    expect((await client.get(builtin.lease, { namespace: 'default', name: 'crash-test' })).spec?.holderIdentity).toBe(
      leader.name,
    );

    await follower.manager.elected();
    await eventually(() => expect(follower.reconciles.firstAt).toBeDefined(), { timeoutMs: 5_000 });
    const handover = (follower.reconciles.firstAt ?? Number.POSITIVE_INFINITY) - crashedAt;
    expect(handover).toBeGreaterThan(leaseDurationMs - retryPeriodMs - 500);
    expect(handover).toBeLessThan(20_000);
    const afterTakeover = follower.reconciles.count;
    await touch();
    await eventually(() => expect(follower.reconciles.count).toBeGreaterThan(afterTakeover));
    expect(leader.reconciles.count).toBe(reconciledByCrashedLeader);
    expect(await masterStatus(follower, 'crash-test')).toBe('1');
    follower.stop.abort();
    expect(await follower.done).toBeUndefined();
  });

  it('releases the lease on graceful shutdown so that the other replica takes over quickly', async () => {
    // A 15 s lease: a handover well under that proves the lease was released, not left to expire.
    const { leader, follower } = await electOne('release-test', {
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 500,
    });
    const stoppedAt = Date.now();
    leader.stop.abort();
    expect(await leader.done).toBeUndefined();
    const released = await client.get(builtin.lease, { namespace: 'default', name: 'release-test' });
    expect(released.spec?.holderIdentity === leader.name).toBe(false);

    await follower.manager.elected();
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    await eventually(() => expect(follower.reconciles.count).toBeGreaterThan(0));
    follower.stop.abort();
    expect(await follower.done).toBeUndefined();
  });

  it('stops the manager with an error when it loses the lease', async () => {
    const timings = { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 250 };
    const replica = startReplica('loser', { id: 'lost-test', ...timings });
    await replica.manager.elected();
    await eventually(async () => {
      const lease = await client.get(builtin.lease, { namespace: 'default', name: 'lost-test' });
      await client.update(builtin.lease, {
        ...lease,
        spec: { ...lease.spec, holderIdentity: 'someone-else', leaseDurationSeconds: 3600 },
      });
    });
    const error = await replica.done;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('LeaderElectionLostError');
  });
});
