import {
  builtin,
  type Cluster,
  capiTypes,
  controllerMetrics,
  type KubeClient,
  type Machine,
  ownerReferenceTo,
  type Registry,
} from '@capi-ts/sdk';
import { OpenStackMachine } from '../src/api/v1beta1/openstack-machine.js';

/** The benchmark's namespace. */
export const namespace = 'default';

/**
 * A Machine with its bootstrap data Secret and its OpenStackMachine (owned and labelled as Cluster API's Machine
 * controller leaves them), for the cluster `cluster`.
 */
export async function createBenchMachine(client: KubeClient, cluster: Cluster, name: string): Promise<void> {
  const clusterName = cluster.metadata.name ?? '';
  await client.create(builtin.secret, {
    metadata: { namespace, name },
    data: { value: Buffer.from('#cloud-config\n').toString('base64') },
  });
  const labels = { 'cluster.x-k8s.io/cluster-name': clusterName };
  const machine = await client.create(capiTypes.machine, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { namespace, name, labels },
    spec: {
      clusterName,
      bootstrap: { dataSecretName: name },
      infrastructureRef: { apiGroup: OpenStackMachine.group, kind: OpenStackMachine.kind, name },
    },
  } as Machine);
  await client.create(OpenStackMachine, {
    apiVersion: OpenStackMachine.apiVersion,
    kind: OpenStackMachine.kind,
    metadata: {
      namespace,
      name,
      labels,
      ownerReferences: [ownerReferenceTo(machine, { type: capiTypes.machine, controller: true })],
    },
    spec: { flavor: 'm1.small', image: { filter: { name: 'ubuntu-2404-kube-v1.35.0' } } },
  } as OpenStackMachine);
}

/** Whether every OpenStackMachine in the namespace has a providerID and `status.ready`. */
export async function allMachinesReady(client: KubeClient, count: number): Promise<boolean> {
  const { items } = await client.list(OpenStackMachine, { namespace });
  const ready = items.filter((m) => m.spec.providerID !== undefined && m.status?.ready === true);
  return ready.length === count;
}

/** Polls `check` every 100 ms until it holds; throws after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`benchmark timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How long no reconcile may run before the controllers count as settled. */
const QUIET_MS = 5_000;

/**
 * Resolves once no controller of the manager has finished a reconcile for {@link QUIET_MS} (the reconciles that
 * the machines' own last status writes trigger belong to their creation, not to the steady state).
 */
export async function untilQuiet(registry: Registry, timeoutMs: number): Promise<void> {
  const reconciles = async () => {
    const { values } = await controllerMetrics(registry).reconcileTotal.get();
    return values.reduce((sum, v) => sum + v.value, 0);
  };
  let last = await reconciles();
  let quietSince = Date.now();
  await until(
    async () => {
      const now = await reconciles();
      if (now !== last) [last, quietSince] = [now, Date.now()];
      return Date.now() - quietSince >= QUIET_MS;
    },
    timeoutMs,
    'the controllers to settle',
  );
}
