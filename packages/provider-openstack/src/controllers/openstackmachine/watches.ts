import {
  CapiLabel,
  type InformerSource,
  type Machine,
  type MapFunction,
  type Predicate,
  StandardIndex,
} from '@capi-ts/sdk';
import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import { OpenStackMachine } from '../../api/v1beta1/openstack-machine.js';

const GROUP = OpenStackMachine.group;

/** An OpenStackCluster → the OpenStackMachines of its Cluster (by the `cluster.x-k8s.io/cluster-name` label). */
export function openStackClusterToMachines(cache: InformerSource): MapFunction<OpenStackCluster> {
  return (openStackCluster) => {
    const clusterName = openStackCluster.metadata.labels?.[CapiLabel.clusterName];
    if (!clusterName || openStackCluster.metadata.deletionTimestamp) return [];
    return cache
      .informerFor(OpenStackMachine)
      .byIndex(StandardIndex.clusterName, `${openStackCluster.metadata.namespace}/${clusterName}`)
      .map((m) => ({ namespace: m.metadata.namespace as string, name: m.metadata.name as string }));
  };
}

/**
 * An OpenStackServer → the OpenStackMachine that owns it. Any owner reference counts, with or without
 * `controller: true`: CAPO sets none, and its servers are adopted as they are.
 */
export const serverToMachine: MapFunction<OpenStackServer> = (server) =>
  (server.metadata.ownerReferences ?? [])
    .filter((ref) => ref.kind === OpenStackMachine.kind && ref.apiVersion.startsWith(`${GROUP}/`))
    .map((ref) => ({ namespace: server.metadata.namespace as string, name: ref.name }));

/** The OpenStackCluster became ready or stopped being ready (what machines wait for). */
export const openStackClusterReadyChanged: Predicate<OpenStackCluster> = (event) =>
  event.type === 'updated' && (event.oldObject?.status?.ready ?? false) !== (event.object.status?.ready ?? false);

function serverState(server: Readonly<OpenStackServer> | undefined): string {
  const ready = server?.status?.conditions?.find((c) => c.type === 'Ready');
  return JSON.stringify([
    server?.status?.ready,
    server?.status?.instanceID,
    server?.status?.instanceState,
    ready?.status,
    ready?.reason,
    ready?.message,
  ]);
}

/**
 * What the machine reflects of its server changed: readiness, instance, state, the `Ready` condition (the Nova
 * fault); or the server appeared or went away. Other updates do not reconcile the machine. The replacement counter
 * annotation is left out on purpose: it is written just before the status of the replacement, and a reconcile
 * between the two writes would take the server in ERROR it replaced for one it gave up on.
 */
export const serverStateChanged: Predicate<OpenStackServer> = (event) =>
  event.type !== 'updated' || serverState(event.oldObject) !== serverState(event.object);

function machineState(machine: Readonly<Machine> | undefined): string {
  return JSON.stringify([
    machine?.spec.bootstrap.dataSecretName,
    machine?.spec.failureDomain,
    machine?.status?.nodeRef?.name,
    machine?.metadata.deletionTimestamp,
    machine?.metadata.labels?.[CapiLabel.controlPlane],
  ]);
}

/**
 * What the machine controller reads of a Machine changed (bootstrap data, failure domain, Node, deletion, role)
 * ); Cluster API's frequent status updates of Machines otherwise do not reconcile the OpenStackMachine.
 */
export const machineChanged: Predicate<Machine> = (event) =>
  event.type !== 'updated' || machineState(event.oldObject) !== machineState(event.object);
