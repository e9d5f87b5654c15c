/**
 * Benchmark: OpenStack API calls per machine create and per steady-state minute, counted from the simulator's
 * request recording. A real etcd + kube-apiserver (Cluster API's CRDs and ours), the OpenStack simulator and this
 * package's manager (`createManager`: the OpenStackCluster, OpenStackServer and OpenStackMachine controllers) in
 * the process. One cluster (managed network, security groups, API server load balancer) is made ready, then N
 * worker machines are created at once; the calls from their creation until every OpenStackMachine has a
 * providerID and `status.ready` and no reconcile has run for 5 s are divided by N. Then, with nothing changing,
 * the calls over a window (default 60 s; `--window 20` measures 20 s and scales to a minute) are reported per
 * minute.
 * `pnpm bench -- --machines 5 --window 60`. Prints numbers, not verdicts.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { builtin, createLogger, type KubeClient, type Runnable } from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startTestEnvironment } from '@capi-ts/sdk/testing';
import { openStackCrds } from '../src/api/crds.js';
import { OpenStackCluster } from '../src/api/v1beta1/openstack-cluster.js';
import { createManager } from '../src/manager.js';
import { createClusterWithOpenStackCluster } from '../test/openstackcluster/harness.js';
import { demoCloudsYaml, type RecordedRequest, startOpenStackSimulator } from '../test-support/index.js';
import { allMachinesReady, createBenchMachine, namespace, until, untilQuiet } from './fixture.js';
import { countByEndpoint, countByServiceMethod, renderTable } from './table.js';

const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function options(): { machines: number; windowSeconds: number } {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { machines: { type: 'string', default: '5' }, window: { type: 'string', default: '60' } },
  });
  const machines = Number(values.machines);
  const windowSeconds = Number(values.window);
  if (!Number.isInteger(machines) || machines < 1) throw new Error('--machines takes a positive integer');
  if (!(windowSeconds > 0)) throw new Error('--window takes a positive number of seconds');
  return { machines, windowSeconds };
}

/** Stands in for the webhook server: does nothing until the manager stops. */
const idle: Runnable = {
  name: 'no-webhooks',
  needsLeaderElection: false,
  async start(signal) {
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  },
};

async function clusterReady(client: KubeClient, name: string): Promise<boolean> {
  const osc = await client.get(OpenStackCluster, { namespace, name });
  return osc.status?.ready === true;
}

/** Rows of `key, per machine create, per steady minute` for the union of both counts' keys. */
function rows(create: Map<string, number>, steady: Map<string, number>, machines: number, scale: number) {
  const keys = [...new Set([...create.keys(), ...steady.keys()])].sort();
  return keys.map((key) => [
    key,
    ((create.get(key) ?? 0) / machines).toFixed(1),
    ((steady.get(key) ?? 0) * scale).toFixed(1),
  ]);
}

async function main(): Promise<void> {
  const { machines, windowSeconds } = options();
  progress('starting the simulator, etcd and kube-apiserver');
  const cloud = await startOpenStackSimulator({ seed: 1 });
  const env = await startTestEnvironment({ crds: [clusterApiCrdDirectory(), ...openStackCrds] });
  const manager = createManager(['--metrics-bind-address=0', '--health-probe-bind-address=0'], {
    kubeConfig: env.kubeConfig,
    logger: createLogger({ level: 'fatal' }),
    // The API server has no webhook configuration here, so the webhook server would only need certificates.
    webhookServer: idle,
  });
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  let createCalls: RecordedRequest[] = [];
  let steadyCalls: RecordedRequest[] = [];
  let createSeconds = 0;
  try {
    const client = manager.client;
    await client.create(builtin.secret, {
      metadata: { namespace, name: 'cloud-config' },
      stringData: { 'clouds.yaml': demoCloudsYaml(cloud) },
    });
    const { cluster } = await createClusterWithOpenStackCluster(client, 'bench', {
      managedSubnets: [{ cidr: '10.6.0.0/24' }],
      managedSecurityGroups: { allowAllInClusterTraffic: false },
      apiServerLoadBalancer: { enabled: true },
    });
    await until(() => clusterReady(client, 'bench'), 120_000, 'the OpenStackCluster to be ready');
    progress(`cluster ready; creating ${machines} machines`);
    cloud.clearRequests();
    const t0 = Date.now();
    await Promise.all(Array.from({ length: machines }, (_, i) => createBenchMachine(client, cluster, `bench-${i}`)));
    await until(() => allMachinesReady(client, machines), 300_000, 'every machine to be ready');
    createSeconds = (Date.now() - t0) / 1000;
    await untilQuiet(manager.registry, 120_000);
    createCalls = cloud.requests();
    progress(`machines ready in ${createSeconds.toFixed(1)} s; measuring ${windowSeconds} s of steady state`);
    cloud.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
    steadyCalls = cloud.requests();
  } finally {
    stop.abort();
    await running.catch(() => undefined);
    await env.stop();
    await cloud.stop();
  }
  const scale = 60 / windowSeconds;
  const header = ['service method [path]', 'per machine create', 'per steady minute'];
  const cpus = os.cpus();
  process.stdout.write(
    `provider-openstack: OpenStack API calls (simulator recording); ${machines} machines, ` +
      `created in ${createSeconds.toFixed(1)} s; steady window ${windowSeconds} s scaled to 60 s; ` +
      `node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}\n\n` +
      `${renderTable(header, [
        ...rows(countByServiceMethod(createCalls), countByServiceMethod(steadyCalls), machines, scale),
        ['total', (createCalls.length / machines).toFixed(1), (steadyCalls.length * scale).toFixed(1)],
      ])}\n\n` +
      `${renderTable(header, rows(countByEndpoint(createCalls), countByEndpoint(steadyCalls), machines, scale))}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
