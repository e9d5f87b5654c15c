import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLifecycleEvent } from '../../src/incus/api/event.js';
import { ensureCloudImage, ensureIncus, IncusCleanup, uniqueName } from '../../test-support/index.js';
import { bootstrapCloudConfig, MachineWorld, startEnvironment } from '../lxcmachine/world.js';

// The manager binary (src/main.ts) killed with SIGKILL between creating an instance and recording it, then
// started again: it adopts the instance instead of creating a second one, and finishes the job.

const incus = await ensureIncus();
const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

/** Runs `src/main.ts` against the test API server, as the container would run the bundle. */
function startManager(kubeconfigPath: string): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(
    tsx,
    [
      '--conditions=source',
      'src/main.ts',
      `--kubeconfig=${kubeconfigPath}`,
      '--metrics-bind-address=0',
      '--health-probe-bind-address=0',
      '--log-level=info',
    ],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

describe.skipIf(!incus.available)('manager crash between instance creation and status update', () => {
  if (!incus.available) return;
  const { client: incusClient } = incus;
  const cleanup = new IncusCleanup(incusClient);
  let env: TestEnvironment;
  let image: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [env, image] = await Promise.all([startEnvironment(), ensureCloudImage(incusClient).then((i) => i.alias)]);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) await kill(child, 'SIGKILL');
    await cleanup.run();
    await env?.stop();
  });

  it('adopts the instance after a SIGKILL instead of creating a second one, and provisions it', async () => {
    const world = await new MachineWorld(env, 'crash').setUp();
    const name = cleanup.instance(uniqueName('lxcm-crash'));
    const events = await incusClient.events.subscribe({ types: ['lifecycle'] });
    const first = startManager(env.kubeconfigPath);
    children.push(first.child);
    try {
      await world.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('crash'));
      await events.waitFor(
        (event) =>
          isLifecycleEvent(event) &&
          event.metadata.action === 'instance-created' &&
          event.metadata.source === `/1.0/instances/${name}`,
        60_000,
      );
    } catch (error) {
      throw new Error(`first manager did not create the instance:\n${first.output.join('')}`, { cause: error });
    } finally {
      events.close();
    }
    await kill(first.child, 'SIGKILL');
    expect((await world.lxcMachine(name)).spec?.providerID).toBeUndefined();

    const second = startManager(env.kubeconfigPath);
    children.push(second.child);
    try {
      await eventually(
        async () => {
          const machine = await world.lxcMachine(name);
          expect(machine.spec?.providerID).toBe(`lxc:///${name}`);
          expect(machine.status?.initialization?.provisioned).toBe(true);
        },
        { timeoutMs: 60_000 },
      );
    } catch (error) {
      throw new Error(`second manager did not provision the machine:\n${second.output.join('')}`, { cause: error });
    }
    const instances = await incusClient.instances.list();
    expect(instances.filter((instance) => instance.config['user.machine-name'] === name).map((i) => i.name)).toEqual([
      name,
    ]);
    // The files of the first start were placed by the second manager (the first died before the start).
    const script = await incusClient.files.pull(name, '/opt/cluster-api/install-kubeadm.sh');
    expect(script.content.toString()).toContain('install-kubeadm.sh');
    await kill(second.child, 'SIGTERM');
    expect(second.child.exitCode ?? second.child.signalCode).toBeDefined();
  }, 150_000);
});
