import { builtin, capiTypes, type KubeClient, type Machine, ownerReferenceTo } from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { expect } from 'vitest';
import type { OpenStackClusterSpec } from '../../src/api/v1beta1/cluster-spec.js';
import { OpenStackCluster } from '../../src/api/v1beta1/openstack-cluster.js';
import { OpenStackMachine } from '../../src/api/v1beta1/openstack-machine.js';
import { sessionOfIdentityRef } from '../../src/cloud/index.js';
import { openStackClusterController } from '../../src/controllers/openstackcluster/index.js';
import { openStackMachineController } from '../../src/controllers/openstackmachine/index.js';
import { openStackServerController } from '../../src/controllers/openstackserver/index.js';
import { KeystoneSession, nova, type OpenStackSession } from '../../src/openstack/index.js';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { cloudConfigFor } from '../contract/sessions.js';
import { startOpenStackManagerHarness } from '../openstack-manager-harness.js';
import { createClusterWithOpenStackCluster } from '../openstackcluster/harness.js';

export const namespace = 'default';

/**
 * A real API server with Cluster API's CRDs and ours, the simulator, and a manager running the OpenStackCluster,
 * OpenStackServer and OpenStackMachine controllers; the test stands in for users and Cluster API's core controllers.
 */
export interface MachineHarness {
  readonly env: TestEnvironment;
  readonly cloud: OpenStackSimulator;
  readonly client: KubeClient;
  /** A session of the demo project (the controllers' project), to check the cloud. */
  readonly demo: OpenStackSession;
  readonly compute: nova.ComputeApi;
  /** How many times the OpenStackMachine controller reconciled so far. */
  machineReconciles(): Promise<number>;
  stop(): Promise<void>;
}

/** Options of {@link startMachineHarness}. */
export interface MachineHarnessOptions {
  /** Replacements of a server in ERROR before giving up (both controllers). */
  readonly maxErrorReplacements?: number;
}

export async function startMachineHarness(options: MachineHarnessOptions = {}): Promise<MachineHarness> {
  const cloud = await startOpenStackSimulator({ seed: 11 });
  const replacements =
    options.maxErrorReplacements !== undefined ? { maxErrorReplacements: options.maxErrorReplacements } : {};
  const harness = await startOpenStackManagerHarness(cloud, (manager, sessions) => {
    manager.add(openStackClusterController({ manager, sessions }));
    manager.add(
      openStackServerController({
        dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
        client: manager.client,
        sessionFor: sessionOfIdentityRef(sessions),
        ...replacements,
      }),
    );
    manager.add(openStackMachineController({ manager, sessions, ...replacements }));
  });
  const { env, client } = harness;
  const demo = new KeystoneSession(cloudConfigFor(cloud, 'demo'));
  const compute = await nova.connectCompute(demo);
  return {
    env,
    cloud,
    client,
    demo,
    compute,
    machineReconciles: () => harness.reconciles('openstackmachine'),
    async stop() {
      await harness.stop();
      await demo.close();
      await cloud.stop();
    },
  };
}

/** A Cluster with an OpenStackCluster (managed network and `spec`), once the OpenStackCluster controller made it ready. */
export async function readyCluster(
  h: MachineHarness,
  name: string,
  spec: Partial<OpenStackClusterSpec> = {},
): Promise<OpenStackCluster> {
  await createClusterWithOpenStackCluster(h.client, name, {
    managedSubnets: [{ cidr: '10.8.0.0/24' }],
    managedSecurityGroups: { allowAllInClusterTraffic: false },
    ...spec,
  });
  return eventually(
    async () => {
      const osc = await h.client.get(OpenStackCluster, { namespace, name });
      expect(osc.status?.ready, JSON.stringify(osc.status?.conditions)).toBe(true);
      return osc;
    },
    { timeoutMs: 30_000 },
  );
}

/** Options of {@link createMachine}. */
export interface MachineOptions {
  readonly controlPlane?: boolean;
  /** Create the Machine without bootstrap data (set it later with {@link setBootstrapData}). */
  readonly withoutBootstrapData?: boolean;
  readonly spec?: Partial<OpenStackMachine['spec']>;
  readonly annotations?: Record<string, string>;
}

/** The Machine and its OpenStackMachine, owned and labelled as Cluster API's Machine controller leaves them. */
export async function createMachine(
  h: MachineHarness,
  clusterName: string,
  name: string,
  options: MachineOptions = {},
): Promise<{ machine: Machine; openStackMachine: OpenStackMachine }> {
  const machine = await createMachineOnly(h, clusterName, name, options);
  return { machine, openStackMachine: await createOpenStackMachine(h, machine, options) };
}

function machineLabels(clusterName: string, options: MachineOptions): Record<string, string> {
  return {
    'cluster.x-k8s.io/cluster-name': clusterName,
    ...(options.controlPlane ? { 'cluster.x-k8s.io/control-plane': '' } : {}),
  };
}

/** The Machine (and its bootstrap data Secret unless `withoutBootstrapData`). */
export async function createMachineOnly(
  h: MachineHarness,
  clusterName: string,
  name: string,
  options: MachineOptions = {},
): Promise<Machine> {
  if (!options.withoutBootstrapData) await createBootstrapSecret(h, name);
  return h.client.create(capiTypes.machine, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { namespace, name, labels: machineLabels(clusterName, options) },
    spec: {
      clusterName,
      bootstrap: options.withoutBootstrapData ? { configRef: bootstrapConfigRef(name) } : { dataSecretName: name },
      infrastructureRef: { apiGroup: OpenStackMachine.group, kind: OpenStackMachine.kind, name },
    },
  } as Machine);
}

/** The OpenStackMachine of `machine` (same name and labels, owned by it). */
export function createOpenStackMachine(
  h: MachineHarness,
  machine: Machine,
  options: MachineOptions = {},
): Promise<OpenStackMachine> {
  return h.client.create(OpenStackMachine, {
    apiVersion: OpenStackMachine.apiVersion,
    kind: OpenStackMachine.kind,
    metadata: {
      namespace,
      name: machine.metadata.name,
      labels: machineLabels(machine.spec.clusterName, options),
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ownerReferences: [ownerReferenceTo(machine, { type: capiTypes.machine, controller: true })],
    },
    spec: { flavor: 'm1.small', image: { filter: { name: 'ubuntu-2404-kube-v1.35.0' } }, ...options.spec },
  } as OpenStackMachine);
}

function bootstrapConfigRef(name: string) {
  return { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name };
}

async function createBootstrapSecret(h: MachineHarness, name: string): Promise<void> {
  await h.client.create(builtin.secret, {
    metadata: { namespace, name },
    data: { value: Buffer.from('#cloud-config\n').toString('base64') },
  });
}

/** The bootstrap provider's part: the data Secret, then `spec.bootstrap.dataSecretName` on the Machine. */
export async function setBootstrapData(h: MachineHarness, name: string): Promise<void> {
  await createBootstrapSecret(h, name);
  await h.client.mergePatch(capiTypes.machine, { namespace, name }, { spec: { bootstrap: { dataSecretName: name } } });
}

/** Reads the OpenStackMachine. */
export function readMachine(h: MachineHarness, name: string): Promise<OpenStackMachine> {
  return h.client.get(OpenStackMachine, { namespace, name });
}

/** The v1beta1 condition of `type`. */
export function condition(object: OpenStackMachine, type: string) {
  return object.status?.conditions?.find((c) => c.type === type);
}

/** Waits for the OpenStackMachine to report Ready=True. */
export function readyMachine(h: MachineHarness, name: string, timeoutMs = 30_000): Promise<OpenStackMachine> {
  return eventually(
    async () => {
      const osm = await readMachine(h, name);
      expect(condition(osm, 'Ready')?.status, JSON.stringify(osm.status?.conditions)).toBe('True');
      return osm;
    },
    { timeoutMs },
  );
}

/** Deletes the OpenStackMachine (as Cluster API does for a deleted Machine) and waits for it to be gone. */
export async function deleteMachine(h: MachineHarness, name: string): Promise<void> {
  await h.client.delete(OpenStackMachine, { namespace, name });
  await eventually(
    async () => expect(await h.client.getOptional(OpenStackMachine, { namespace, name })).toBeUndefined(),
    { timeoutMs: 30_000 },
  );
}

/**
 * Waits until the OpenStackMachine controller is idle: its reconcile count stays the same over two looks 500 ms
 * apart (a reconcile that writes triggers another one, so an idle controller wrote nothing in its last reconcile).
 */
export async function machineControllerIdle(h: MachineHarness): Promise<void> {
  let last = -1;
  await eventually(
    async () => {
      const count = await h.machineReconciles();
      const previous = last;
      last = count;
      expect(count).toBe(previous);
    },
    { intervalMs: 500, timeoutMs: 30_000 },
  );
}
