import { createHash } from 'node:crypto';
import { CapiLabel, isAlreadyExists, type KubeClient, type ObjectReader, ownerReferenceTo } from '@capi-ts/sdk';
import { OpenStackServer, type OpenStackServerSpec } from '../../api/v1alpha1/openstack-server.js';
import { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import * as neutron from '../../openstack/neutron/index.js';
import { instanceTags } from '../shared/instance-tags.js';
import { bastionServerName } from '../shared/resource-names.js';
import { openStackServerSpecFor } from '../shared/server-spec.js';
import { bastionEnabled, type ClusterContext, statusOf } from './context.js';
import {
  associateFloatingIp,
  deleteFloatingIpByAddress,
  disassociateFloatingIp,
  getOrCreateFloatingIp,
} from './floating-ip.js';

/**
 * Annotation on the bastion's OpenStackServer: a digest of the spec it was created from. A different digest of the
 * spec the cluster asks for now means the bastion is recreated (CAPO compares the specs; the API server's defaults
 * would make a stored spec differ from a freshly computed one, a digest does not).
 */
export const BASTION_SPEC_HASH_ANNOTATION = 'openstackcluster.infrastructure.cluster.x-k8s.io/bastion-spec-hash';

/** The Kubernetes side of the bastion: where its OpenStackServer is read from and written to. */
export interface BastionKube {
  readonly client: KubeClient;
  readonly reader: ObjectReader;
}

/** What the bastion step reports: done, or still waiting (the OpenStackServer's events wake the cluster up). */
export type BastionProgress = { readonly done: true } | { readonly done: false; readonly waitingFor: string };

function specHash(spec: OpenStackServerSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 32);
}

/** The OpenStackServer spec of the bastion as the cluster's spec and status describe it now. */
function desiredSpec(context: ClusterContext): OpenStackServerSpec | undefined {
  const { object } = context;
  const bastion = object.spec.bastion;
  if (!bastionEnabled(object) || bastion?.spec === undefined) return undefined;
  const groupId = statusOf(context).bastionSecurityGroup?.id;
  return openStackServerSpecFor({
    machineSpec: bastion.spec,
    identityRef: object.spec.identityRef,
    tags: instanceTags(bastion.spec.tags, object.spec.tags),
    ...(bastion.availabilityZone !== undefined ? { availabilityZone: bastion.availabilityZone } : {}),
    ...(groupId !== undefined ? { defaultSecurityGroupId: groupId } : {}),
    cluster: object,
  });
}

/**
 * The bastion (CAPO's `reconcileBastion`): an OpenStackServer `<cluster>-bastion` owned by the OpenStackCluster,
 * created when enabled, deleted when disabled, deleted and created again when its spec changes; once it is ready,
 * `status.bastion` gets its id, name, state and fixed IP, and (unless the external network is disabled) a floating
 * IP — `status.bastion.floatingIP`, else `spec.bastion.floatingIP`, else a new one — associated to its port.
 */
export async function reconcileBastion(context: ClusterContext, kube: BastionKube): Promise<BastionProgress> {
  const { object, ref } = context;
  const key = { namespace: object.metadata.namespace ?? '', name: bastionServerName(ref.name) };
  const desired = desiredSpec(context);
  const existing = await kube.reader.get(OpenStackServer, key);
  if (!desired || (existing && existing.metadata.annotations?.[BASTION_SPEC_HASH_ANNOTATION] !== specHash(desired))) {
    return await deleteBastion(context, kube);
  }
  if (!existing) {
    // A create the cache has not shown yet answers AlreadyExists: the bastion is on its way all the same.
    await kube.client
      .create(OpenStackServer, {
        apiVersion: OpenStackServer.apiVersion,
        kind: OpenStackServer.kind,
        metadata: {
          ...key,
          labels: { [CapiLabel.clusterName]: ref.name },
          annotations: { [BASTION_SPEC_HASH_ANNOTATION]: specHash(desired) },
          ownerReferences: [ownerReferenceTo(object, { type: OpenStackCluster, controller: true })],
        },
        spec: desired,
      } as OpenStackServer)
      .then(
        () => context.logger.info({ server: key.name }, 'Created the bastion'),
        (error: unknown) => {
          if (!isAlreadyExists(error)) throw error;
        },
      );
    return { done: false, waitingFor: `bastion ${key.name} is being created` };
  }
  if (!existing.status?.ready || !existing.status.instanceID) {
    return { done: false, waitingFor: `bastion ${key.name} is not ready yet` };
  }
  const ip = existing.status.addresses?.find((address) => address.type === 'InternalIP')?.address;
  const status = statusOf(context);
  status.bastion = {
    ...status.bastion,
    id: existing.status.instanceID,
    name: key.name,
    ...(desired.sshKeyName ? { sshKeyName: desired.sshKeyName } : {}),
    ...(existing.status.instanceState ? { state: existing.status.instanceState } : {}),
    ...(ip ? { ip } : {}),
  };
  if (!object.spec.disableExternalNetwork && ip) await attachFloatingIp(context, existing.status.instanceID, ip);
  return { done: true };
}

/** Gives the bastion's port a floating IP, unless it has one already, and records it. */
async function attachFloatingIp(context: ClusterContext, serverId: string, ip: string): Promise<void> {
  const { session } = context;
  const status = statusOf(context);
  const [port] = await neutron.listPorts(session, { deviceId: serverId, fixedIpAddress: ip });
  if (!port) return;
  const [attached] = await neutron.listFloatingIps(session, { portId: port.id });
  if (attached) {
    status.bastion = { ...status.bastion, floatingIP: attached.floating_ip_address };
    return;
  }
  const fip = await getOrCreateFloatingIp(
    context,
    status.bastion?.floatingIP ?? context.object.spec.bastion?.floatingIP,
  );
  await associateFloatingIp(context, fip, port.id);
  status.bastion = { ...status.bastion, floatingIP: fip.floating_ip_address };
}

/**
 * Deletes the bastion (CAPO's `deleteBastion`): first the floating IP this cluster created for it (a user's
 * `spec.bastion.floatingIP` is only let go), then its OpenStackServer; `status.bastion` is cleared once it is gone.
 */
export async function deleteBastion(context: ClusterContext, kube: BastionKube): Promise<BastionProgress> {
  const { object, ref, session } = context;
  const status = statusOf(context);
  const floatingIP = status.bastion?.floatingIP;
  if (floatingIP) {
    if (floatingIP === object.spec.bastion?.floatingIP) {
      for (const fip of await neutron.listFloatingIps(session, { floatingIpAddress: floatingIP })) {
        if (fip.port_id) await disassociateFloatingIp(context, fip);
      }
    } else {
      await deleteFloatingIpByAddress(context, floatingIP);
    }
    const { floatingIP: _gone, ...rest } = status.bastion ?? {};
    status.bastion = rest;
  }
  const key = { namespace: object.metadata.namespace ?? '', name: bastionServerName(ref.name) };
  const existing = await kube.reader.get(OpenStackServer, key);
  if (existing) {
    if (!existing.metadata.deletionTimestamp) await kube.client.delete(OpenStackServer, key);
    return { done: false, waitingFor: `bastion ${key.name} is being deleted` };
  }
  delete status.bastion;
  return { done: true };
}
