import { CapiLabel, isAlreadyExists, isControlPlaneMachine, ownerReferenceTo } from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { OpenStackMachine } from '../../api/v1beta1/openstack-machine.js';
import { instanceTags } from '../shared/instance-tags.js';
import { openStackServerSpecFor } from '../shared/server-spec.js';
import type { MachineContext } from './context.js';

/** The managed security group of the machine's role, when the cluster manages security groups. */
function defaultSecurityGroupId(context: MachineContext): string | undefined {
  const { openStackCluster, machine } = context;
  if (openStackCluster.spec.managedSecurityGroups === undefined) return undefined;
  const group = isControlPlaneMachine(machine)
    ? openStackCluster.status?.controlPlaneSecurityGroup
    : openStackCluster.status?.workerSecurityGroup;
  return group?.id;
}

/**
 * The OpenStackServer of the machine as CAPO creates it: named like the OpenStackMachine, labelled with the
 * Cluster's name, owned by the OpenStackMachine, with the spec of {@link openStackServerSpecFor}. Throws an
 * `InvalidMachineSpecError` when the machine cannot have a server.
 */
export function desiredServer(context: MachineContext, userDataSecretName: string): OpenStackServer {
  const { object, machine, openStackCluster } = context;
  const failureDomain = machine.spec.failureDomain;
  const securityGroup = defaultSecurityGroupId(context);
  const spec = openStackServerSpecFor({
    machineSpec: object.spec,
    identityRef: object.spec.identityRef ?? openStackCluster.spec.identityRef,
    tags: instanceTags(object.spec.tags, openStackCluster.spec.tags),
    ...(failureDomain ? { availabilityZone: failureDomain } : {}),
    userDataSecretName,
    ...(securityGroup !== undefined ? { defaultSecurityGroupId: securityGroup } : {}),
    cluster: openStackCluster,
  });
  return {
    apiVersion: OpenStackServer.apiVersion,
    kind: OpenStackServer.kind,
    metadata: {
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      labels: { [CapiLabel.clusterName]: context.ref.name },
      ownerReferences: [ownerReferenceTo(object, { type: OpenStackMachine, controller: true })],
    },
    spec,
  } as OpenStackServer;
}

/**
 * The machine's OpenStackServer from the cache, created when missing (CAPO's `getOrCreateMachineServer`). It is
 * never updated afterwards: its spec is immutable. A create racing a stale cache finds the server created.
 */
export async function getOrCreateServer(
  context: MachineContext,
  userDataSecretName: string,
): Promise<Readonly<OpenStackServer>> {
  const key = { namespace: context.object.metadata.namespace as string, name: context.object.metadata.name as string };
  const cached = context.cache.informerFor(OpenStackServer).get(key);
  if (cached) return cached;
  const desired = desiredServer(context, userDataSecretName);
  try {
    const created = await context.client.create(OpenStackServer, desired);
    context.logger.info({ server: key.name }, 'Created the OpenStackServer');
    return created;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return context.client.get(OpenStackServer, key);
  }
}
