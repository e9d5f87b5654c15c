import { pino } from 'pino';
import { z } from 'zod';
import {
  CapiLabel,
  type Cluster,
  type ClusterScope,
  capiTypes,
  controllerReferenceTo,
  type InfraClusterBackend,
  type InfraMachineBackend,
  infraClusterSpec,
  infraClusterStatus,
  infraMachineSpec,
  infraMachineStatus,
  type Machine,
  type MachineScope,
  ownerReferenceTo,
} from '../../../src/capi/index.js';
import { builtin, type KubeClient } from '../../../src/client/index.js';
import type { Result } from '../../../src/controller/index.js';
import type { Logger } from '../../../src/log/index.js';
import { defineCustomResourceDefinition, defineResource, type InferResource } from '../../../src/resource/index.js';

export const GROUP = 'infrastructure.test.capi-ts.dev';

export const TestMachine = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'TestMachine',
  plural: 'testmachines',
  scope: 'Namespaced',
  spec: infraMachineSpec.extend({ size: z.string().optional() }),
  status: infraMachineStatus,
});
export type TestMachine = InferResource<typeof TestMachine>;

export const TestCluster = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'TestCluster',
  plural: 'testclusters',
  scope: 'Namespaced',
  spec: infraClusterSpec,
  status: infraClusterStatus,
});
export type TestCluster = InferResource<typeof TestCluster>;

export const testCrds = [TestMachine, TestCluster].map((type) =>
  defineCustomResourceDefinition({ versions: [type], contract: { v1beta2: ['v1alpha1'] } }),
);

/** A JSON logger whose lines the test reads, to wait for what a reconcile logged. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** Records what the plumbing asked of it; per-object behaviour is set by the test. */
export class RecordingMachineBackend implements InfraMachineBackend<TestMachine> {
  readonly calls: string[] = [];
  /** Instances by object name, with the bootstrap data they were created with. */
  readonly instances = new Map<string, string>();
  /** Object name → how many more times `reconcileDelete` asks to be requeued. */
  readonly slowDeletes = new Map<string, number>();
  /** Object names whose `reconcileNormal` sets a condition and then throws. */
  readonly failing = new Set<string>();

  async reconcileNormal(scope: MachineScope<TestMachine>): Promise<Result | undefined> {
    const name = scope.object.metadata.name as string;
    this.calls.push(`normal ${name}`);
    if (this.failing.has(name)) {
      scope.setCondition({ type: 'InstanceProvisioned', status: 'False', reason: 'CloudUnavailable' });
      throw new Error('the cloud is down');
    }
    if (!this.instances.has(name)) this.instances.set(name, (await scope.bootstrapData()).value.toString('utf8'));
    scope.setProviderID(`test://${name}`);
    scope.setAddresses([{ type: 'InternalIP', address: '10.0.0.1' }]);
    scope.setFailureDomain(scope.machine.spec.failureDomain);
    scope.setProvisioned();
    scope.setCondition({ type: 'InstanceProvisioned', status: 'True', reason: 'Provisioned' });
    return undefined;
  }

  async reconcileDelete(scope: MachineScope<TestMachine>): Promise<Result | undefined> {
    const name = scope.object.metadata.name as string;
    this.calls.push(`delete ${name}`);
    const remaining = this.slowDeletes.get(name) ?? 0;
    if (remaining > 0) {
      this.slowDeletes.set(name, remaining - 1);
      return { requeueAfter: 50 };
    }
    this.instances.delete(name);
    return undefined;
  }
}

/** An infrastructure cluster backend that supplies a fixed control plane endpoint. */
export class RecordingClusterBackend implements InfraClusterBackend<TestCluster> {
  readonly calls: string[] = [];

  async reconcileNormal(scope: ClusterScope<TestCluster>): Promise<Result | undefined> {
    this.calls.push(`normal ${scope.object.metadata.name}`);
    scope.setControlPlaneEndpoint({ host: '10.0.0.100', port: 6443 });
    scope.setFailureDomains([{ name: 'zone-a', controlPlane: true }]);
    scope.setProvisioned();
    scope.setCondition({ type: 'InfrastructureProvisioned', status: 'True', reason: 'Provisioned' });
    return undefined;
  }

  async reconcileDelete(scope: ClusterScope<TestCluster>): Promise<Result | undefined> {
    this.calls.push(`delete ${scope.object.metadata.name}`);
    return undefined;
  }
}

/** The objects one test works on, created as Cluster API's core controllers would leave them. */
export class Objects {
  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
  ) {}

  async cluster(name: string, options: { infrastructureProvisioned?: boolean } = {}): Promise<Cluster> {
    const cluster = await this.client.create(capiTypes.cluster, {
      metadata: { name, namespace: this.namespace },
      spec: { infrastructureRef: { apiGroup: GROUP, kind: 'TestCluster', name } },
    });
    if (!options.infrastructureProvisioned) return cluster;
    return await this.setClusterStatus(name, { initialization: { infrastructureProvisioned: true } });
  }

  async setClusterStatus(name: string, status: Record<string, unknown>): Promise<Cluster> {
    const key = { namespace: this.namespace, name };
    return await this.client.mergePatch(capiTypes.cluster, key, { status }, { subresource: 'status' });
  }

  async pauseCluster(name: string, paused: boolean): Promise<void> {
    await this.client.mergePatch(capiTypes.cluster, { namespace: this.namespace, name }, { spec: { paused } });
  }

  async machine(
    name: string,
    cluster: Cluster,
    options: { dataSecretName?: string; controlPlane?: boolean } = {},
  ): Promise<Machine> {
    const clusterName = cluster.metadata.name as string;
    return await this.client.create(capiTypes.machine, {
      metadata: {
        name,
        namespace: this.namespace,
        labels: {
          [CapiLabel.clusterName]: clusterName,
          ...(options.controlPlane ? { [CapiLabel.controlPlane]: '' } : {}),
        },
      },
      spec: {
        clusterName,
        bootstrap: options.dataSecretName ? { dataSecretName: options.dataSecretName } : {},
        infrastructureRef: { apiGroup: GROUP, kind: 'TestMachine', name },
      },
    });
  }

  async bootstrapSecret(name: string, value: string): Promise<void> {
    await this.client.create(builtin.secret, {
      metadata: { name, namespace: this.namespace },
      data: { value: Buffer.from(value).toString('base64') },
    });
  }

  /** A TestMachine; owned by `machine` when given (the Machine controller's controller reference). */
  async testMachine(name: string, machine?: Machine, clusterName?: string): Promise<TestMachine> {
    return await this.client.create(TestMachine, {
      metadata: {
        name,
        namespace: this.namespace,
        ...(clusterName ? { labels: { [CapiLabel.clusterName]: clusterName } } : {}),
        ...(machine ? { ownerReferences: [controllerReferenceTo(machine, capiTypes.machine)] } : {}),
      },
      spec: {},
    });
  }

  /** A TestCluster; owned by `cluster` when given (the Cluster controller's plain owner reference). */
  async testCluster(name: string, cluster?: Cluster, annotations?: Record<string, string>): Promise<TestCluster> {
    return await this.client.create(TestCluster, {
      metadata: {
        name,
        namespace: this.namespace,
        ...(annotations ? { annotations } : {}),
        ...(cluster ? { ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] } : {}),
      },
      spec: {},
    });
  }
}
