import { createLogger, type Manager } from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lxcMachineResource } from '../../src/api/index.js';
import { createManager, parseFlags } from '../../src/manager.js';
import { ensureCloudImage, ensureIncus, IncusCleanup, uniqueName } from '../../test-support/index.js';
import { bootstrapCloudConfig, conditionOf, MachineWorld, startEnvironment } from './world.js';

// The LXCMachine controller against a real API server and the real local Incus daemon.

const incus = await ensureIncus();

describe.skipIf(!incus.available)('LXCMachine controller on a real Incus daemon', () => {
  if (!incus.available) return;
  const { client: incusClient } = incus;
  const cleanup = new IncusCleanup(incusClient);
  let env: TestEnvironment;
  let manager: Manager;
  const stop = new AbortController();
  let running: Promise<void>;
  let world: MachineWorld;
  let image: string;

  beforeAll(async () => {
    [env, image] = await Promise.all([startEnvironment(), ensureCloudImage(incusClient).then((i) => i.alias)]);
    manager = createManager(parseFlags(['--metrics-bind-address=0', '--health-probe-bind-address=0']), {
      kubeConfig: env.kubeConfig,
      logger: createLogger({ level: 'fatal' }),
    });
    running = manager.start(stop.signal);
    world = await new MachineWorld(env, 'machines').setUp();
  }, 120000);

  afterAll(async () => {
    stop.abort();
    await running;
    await cleanup.run();
    await env?.stop();
  });

  it('creates, starts and provisions an instance: providerID, addresses, conditions, bootstrap data applied by cloud-init', async () => {
    const name = cleanup.instance(uniqueName('lxcm'));
    await world.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('hello'));

    await eventually(
      async () => {
        const machine = await world.lxcMachine(name);
        expect(machine.spec?.providerID).toBe(`lxc:///${name}`);
        expect(machine.status?.initialization?.provisioned).toBe(true);
        expect(machine.status?.ready).toBe(true);
        expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({ status: 'True' });
        expect(conditionOf(machine, 'Ready')).toMatchObject({ status: 'True' });
        expect(machine.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
          ['Ready', 'True'],
          ['InstanceProvisioned', 'True'],
        ]);
      },
      { timeoutMs: 90000 },
    );
    const machine = await world.lxcMachine(name);
    const state = await incusClient.instances.getState(name);
    const address = state.network?.eth0?.addresses.find((a) => a.family === 'inet' && a.scope === 'global')?.address;
    expect(address).toBeDefined();
    expect(machine.status?.addresses).toEqual(
      expect.arrayContaining([
        { type: 'Hostname', address: name },
        { type: 'InternalIP', address },
        { type: 'ExternalIP', address },
      ]),
    );
    const instance = await incusClient.instances.get(name);
    expect(instance.config).toMatchObject({
      'user.cluster-name': 'c1',
      'user.cluster-namespace': 'machines',
      'user.machine-name': name,
      'user.cluster-role': 'worker',
    });

    const done = await incusClient.exec.run(name, ['cloud-init', 'status', '--wait'], { timeoutSeconds: 120 });
    expect(done.exitCode).toBe(0);
    const marker = await incusClient.files.pull(name, '/etc/capi-ts/bootstrap-marker');
    expect(marker.content.toString()).toBe(`hello on ${name}\n`);
    expect(marker.mode).toBe(0o640);
    expect((await incusClient.files.pull(name, '/opt/cluster-api/install-kubeadm.sh')).content.toString()).toContain(
      'install-kubeadm.sh <kubernetes-version',
    );

    // The instance disappears behind the controller's back: the lifecycle event reports it at once.
    await cleanup.run();
    await eventually(
      async () => {
        const gone = await world.lxcMachine(name);
        expect(conditionOf(gone, 'InstanceProvisioned')).toEqual({
          status: 'False',
          reason: 'InstanceDeleted',
          message: `Instance ${name} does not exist anymore`,
        });
        expect(gone.status?.ready).toBe(false);
        expect(gone.status?.initialization?.provisioned).toBe(true);
      },
      { timeoutMs: 10000 },
    );
  }, 150000);

  it('reports an LXCMachine that lost its status (clusterctl move, restore) provisioned again, on the same instance', async () => {
    const name = cleanup.instance(uniqueName('lxcm-move'));
    await world.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('moved'));
    await eventually(
      async () => expect((await world.lxcMachine(name)).status?.initialization?.provisioned).toBe(true),
      {
        timeoutMs: 90_000,
      },
    );
    const before = await incusClient.instances.get(name);

    // clusterctl move creates the objects in the new management cluster from their spec: no status at all.
    await world.client.mergePatch(lxcMachineResource, { namespace: world.namespace, name }, { status: null } as never, {
      subresource: 'status',
    });
    await eventually(
      async () => {
        const machine = await world.lxcMachine(name);
        expect(machine.spec?.providerID).toBe(`lxc:///${name}`);
        expect(machine.status?.initialization?.provisioned).toBe(true);
        expect(machine.status?.ready).toBe(true);
        expect(conditionOf(machine, 'Ready')).toMatchObject({ status: 'True' });
        expect(machine.status?.addresses).toContainEqual({ type: 'Hostname', address: name });
      },
      { timeoutMs: 30_000 },
    );
    const after = await incusClient.instances.get(name);
    expect([after.created_at, after.config['volatile.uuid']]).toEqual([
      before.created_at,
      before.config['volatile.uuid'],
    ]);
  }, 150000);

  it('deletes the instance with the LXCMachine and then releases the finalizer', async () => {
    const name = cleanup.instance(uniqueName('lxcm-del'));
    await world.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('bye'));
    await eventually(async () => expect((await world.lxcMachine(name)).spec?.providerID).toBeDefined(), {
      timeoutMs: 90_000,
    });
    await world.deleteLxcMachine(name);
    await eventually(async () => expect(await world.lxcMachineExists(name)).toBe(false), { timeoutMs: 60_000 });
    await expect(incusClient.instances.get(name)).rejects.toThrow(/not found/i);
  }, 150000);
});
