import { CapiLabel } from '../capi/constants.js';
import { ownerReferenceTo } from '../capi/owner-references.js';
import { capiTypes } from '../capi/resources.js';
import type { Cluster, Machine } from '../capi/types.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import { apiVersionOf, type ResourceType } from '../client/resource-type.js';

/** Options of {@link createMachineWithBootstrapConfig}. */
export interface MachineWithBootstrapConfigOptions<C extends KubeObject> {
  /** The bootstrap config's kind. */
  configType: ResourceType<C>;
  /** The config's `spec`. */
  spec: C extends { spec?: infer S } ? S : never;
  /** Labels the Machine as a control-plane machine. */
  controlPlane?: boolean;
  /** The Machine's `spec.version`. */
  version: string;
  /** The kind of the Machine's `infrastructureRef` (no controller needs to serve it); default `DevMachine`. */
  infrastructureKind?: string;
}

/**
 * A Machine and its bootstrap config, linked as Cluster API links them: the Machine's `bootstrap.configRef`, and on
 * the config the Machine's controller reference and the cluster-name label. Both are named `name`.
 */
export async function createMachineWithBootstrapConfig<C extends KubeObject>(
  client: KubeClient,
  cluster: Readonly<Cluster>,
  name: string,
  options: MachineWithBootstrapConfigOptions<C>,
): Promise<{ machine: Machine; config: C }> {
  const namespace = cluster.metadata.namespace as string;
  const clusterName = cluster.metadata.name as string;
  const labels: Record<string, string> = { [CapiLabel.clusterName]: clusterName };
  if (options.controlPlane) labels[CapiLabel.controlPlane] = '';
  const { configType } = options;
  const machine = await client.create(capiTypes.machine, {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { namespace, name, labels },
    spec: {
      clusterName,
      version: options.version,
      bootstrap: { configRef: { apiGroup: configType.group, kind: configType.kind, name } },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: options.infrastructureKind ?? 'DevMachine',
        name,
      },
    },
  });
  const config = await client.create(configType, {
    apiVersion: apiVersionOf(configType),
    kind: configType.kind,
    metadata: {
      namespace,
      name,
      labels: { [CapiLabel.clusterName]: clusterName },
      ownerReferences: [ownerReferenceTo(machine, { type: capiTypes.machine, controller: true })],
    },
    spec: options.spec,
  } as unknown as C);
  return { machine, config };
}
