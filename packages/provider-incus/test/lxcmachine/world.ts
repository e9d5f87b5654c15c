import {
  builtin,
  CapiLabel,
  type Cluster,
  ConditionLayouts,
  capiTypes,
  controllerReferenceTo,
  getCondition,
  KubeClient,
  type Machine,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { lxcClusterCrd, lxcClusterTemplateCrd, lxcMachineCrd, lxcMachineTemplateCrd } from '../../src/api/crds.js';
import { type LXCMachine, type LXCMachineSpec, lxcClusterResource, lxcMachineResource } from '../../src/api/index.js';
import { defaultIncusSocketPath } from '../../src/incus/connection.js';

/** Starts an API server with Cluster API's CRDs and this provider's. */
export function startEnvironment(): Promise<TestEnvironment> {
  return startTestEnvironment({
    crds: [clusterApiCrdDirectory(), lxcClusterCrd, lxcClusterTemplateCrd, lxcMachineCrd, lxcMachineTemplateCrd],
  });
}

/** A cloud-config whose effect can be checked inside the container. */
export function bootstrapCloudConfig(marker: string): string {
  return [
    '## template: jinja',
    '#cloud-config',
    'write_files:',
    '- path: /etc/capi-ts/bootstrap-marker',
    "  permissions: '0640'",
    '  content: |',
    `    ${marker} on {{ v1.local_hostname }}`,
    'runcmd:',
    '- echo ran > /etc/capi-ts/runcmd-marker',
    '',
  ].join('\n');
}

/**
 * One namespace holding what the Cluster API core controllers and the LXCCluster controller would have made: an
 * identity secret for the local daemon's unix socket, an LXCCluster (external load balancer, default kubeadm
 * profile skipped: it loads kernel modules, which this sandbox cannot), a Cluster with provisioned
 * infrastructure, and per machine a bootstrap secret, a Machine and its LXCMachine.
 */
export class MachineWorld {
  readonly client: KubeClient;
  cluster!: Cluster;

  constructor(
    env: TestEnvironment,
    readonly namespace: string,
  ) {
    this.client = new KubeClient(env.kubeConfig);
  }

  /** Creates the namespace, identity secret, LXCCluster and Cluster. */
  async setUp(
    options: { skipDefaultKubeadmProfile?: boolean; loadBalancer?: Record<string, unknown> } = {},
  ): Promise<this> {
    const namespace = this.namespace;
    await this.client.create(builtin.namespace, { metadata: { name: namespace } });
    await this.client.create(builtin.secret, {
      metadata: { name: 'lxc-secret', namespace },
      stringData: { server: `unix://${process.env.INCUS_SOCKET ?? defaultIncusSocketPath}` },
    });
    await this.client.create(lxcClusterResource, {
      metadata: { name: 'c1', namespace },
      spec: {
        secretRef: { name: 'lxc-secret' },
        controlPlaneEndpoint: { host: '10.0.0.1', port: 6443 },
        loadBalancer: options.loadBalancer ?? { external: {} },
        skipDefaultKubeadmProfile: options.skipDefaultKubeadmProfile ?? true,
      },
    } as never);
    await this.client.create(capiTypes.cluster, {
      metadata: { name: 'c1', namespace },
      spec: {
        clusterNetwork: { pods: { cidrBlocks: ['10.244.0.0/16'] } },
        infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'LXCCluster', name: 'c1' },
      },
    });
    this.cluster = await this.client.mergePatch(
      capiTypes.cluster,
      { namespace, name: 'c1' },
      { status: { initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true } } },
      { subresource: 'status' },
    );
    return this;
  }

  /** A Machine with bootstrap data (none yet when `undefined`) and its LXCMachine named `name` (the instance name). */
  async machine(
    name: string,
    spec: LXCMachineSpec,
    bootstrapData: string | undefined,
    annotations: Record<string, string> = {},
    controlPlane = false,
  ): Promise<Machine> {
    const namespace = this.namespace;
    if (bootstrapData !== undefined) {
      await this.client.create(builtin.secret, {
        metadata: { name: `${name}-bootstrap`, namespace },
        data: {
          value: Buffer.from(bootstrapData).toString('base64'),
          format: Buffer.from('cloud-config').toString('base64'),
        },
      });
    }
    const labels: Record<string, string> = { [CapiLabel.clusterName]: 'c1' };
    if (controlPlane) labels[CapiLabel.controlPlane] = '';
    const machine = await this.client.create(capiTypes.machine, {
      metadata: { name, namespace, labels },
      spec: {
        clusterName: 'c1',
        version: 'v1.33.0',
        bootstrap: bootstrapData === undefined ? {} : { dataSecretName: `${name}-bootstrap` },
        infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'LXCMachine', name },
      },
    });
    await this.client.create(lxcMachineResource, {
      metadata: {
        name,
        namespace,
        annotations,
        labels: { [CapiLabel.clusterName]: 'c1' },
        ownerReferences: [controllerReferenceTo(machine, capiTypes.machine)],
      },
      spec,
    } as never);
    return machine;
  }

  lxcMachine(name: string): Promise<LXCMachine> {
    return this.client.get(lxcMachineResource, { namespace: this.namespace, name });
  }

  /** Deletes the Machine's LXCMachine (as the Machine controller does on deletion). */
  async deleteLxcMachine(name: string): Promise<void> {
    await this.client.delete(lxcMachineResource, { namespace: this.namespace, name });
  }

  async lxcMachineExists(name: string): Promise<boolean> {
    return (await this.client.getOptional(lxcMachineResource, { namespace: this.namespace, name })) !== undefined;
  }
}

/** The CAPI v1beta1 condition of `type` (in `status.conditions`). */
export function v1beta1ConditionOf(machine: LXCMachine, type: string) {
  return machine.status?.conditions?.find((c) => c.type === type);
}

/** The v1beta2 condition of `type` as `{ status, reason, message }`. */
export function conditionOf(machine: LXCMachine, type: string) {
  const condition = getCondition(machine, type, ConditionLayouts.v1beta1);
  return condition && { status: condition.status, reason: condition.reason, message: condition.message };
}
