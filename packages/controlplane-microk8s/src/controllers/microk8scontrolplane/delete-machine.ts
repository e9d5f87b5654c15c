import {
  builtin,
  type Cluster,
  capiTypes,
  clusterSecretName,
  type KubeClient,
  type Logger,
  type Machine,
  type ObjectReader,
  secretValue,
} from '@capi-ts/sdk';
import type { MicroK8sControlPlane } from '../../api/v1beta1/index.js';
import type { ClusterAgent } from './cluster-agent.js';

/** `<cluster>-capi-auth-token`, key `token`: what the cluster agent authenticates CACPM's calls with. */
const AUTH_TOKEN_SUFFIX = 'capi-auth-token';

const internalAddress = (machine: Readonly<Machine>): string | undefined =>
  machine.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;

/** Dependencies of {@link removeControlPlaneMachine}. */
export interface RemoveMachineScope {
  client: KubeClient;
  reader: ObjectReader;
  logger: Logger;
  cluster: Readonly<Cluster>;
  controlPlane: Readonly<MicroK8sControlPlane>;
  /** The workload cluster's client and cluster agent; `undefined` while the kubeconfig does not exist. */
  workload?: { client: KubeClient; agent: ClusterAgent };
}

/**
 * Removes a control-plane Machine as CACPM's `scaleDownControlPlane`: first its dqlite membership, through the
 * cluster agent of another control-plane node that has an address (best effort: a failure is logged, as
 * upstream), then the Machine, then its Node in the workload cluster. Works for any size: CACPM only removes from
 * dqlite above 2 Machines and refuses below 4, which a 1- or 2-Machine rolling upgrade needs.
 */
export async function removeControlPlaneMachine(
  scope: RemoveMachineScope,
  machine: Readonly<Machine>,
  machines: readonly Machine[],
): Promise<void> {
  const { client, logger, workload } = scope;
  const address = internalAddress(machine);
  const peer = machines.find(
    (m) => m.metadata.name !== machine.metadata.name && m.status?.nodeRef && internalAddress(m) !== undefined,
  );
  if (workload && address && peer?.status?.nodeRef) {
    try {
      const token = await authToken(scope);
      await workload.agent.removeFromDqlite({
        nodeName: peer.status.nodeRef.name,
        agentAddress: internalAddress(peer) as string,
        removeAddress: address,
        // As the bootstrap provider renders the nodes: remapped unless turned off (CACPM reads nil as off here,
        // so it called the wrong ports for configs without clusterConfiguration).
        portCompatibilityRemap:
          scope.controlPlane.spec?.controlPlaneConfig?.clusterConfiguration?.portCompatibilityRemap !== false,
        authToken: token,
      });
    } catch (err) {
      logger.warn(
        { err, machine: machine.metadata.name },
        'could not ask the cluster agent to remove the dqlite member',
      );
    }
  }
  await client.delete(capiTypes.machine, {
    namespace: machine.metadata.namespace as string,
    name: machine.metadata.name as string,
  });
  await deleteNode(workload?.client, machine);
}

/** Deletes the Node of a Machine in the workload cluster, if both are known. */
export async function deleteNode(workload: KubeClient | undefined, machine: Readonly<Machine>): Promise<void> {
  const node = machine.status?.nodeRef?.name;
  if (workload && node) await workload.delete(builtin.node, node);
}

async function authToken(scope: RemoveMachineScope): Promise<string> {
  const { namespace, name } = scope.cluster.metadata;
  const secretName = clusterSecretName(name as string, AUTH_TOKEN_SUFFIX);
  const secret = await scope.reader.get(builtin.secret, { namespace: namespace as string, name: secretName });
  const token = secret ? secretValue(secret, 'token')?.toString('utf8') : undefined;
  if (!token) throw new Error(`Secret ${namespace}/${secretName} with key "token" does not exist`);
  return token;
}
