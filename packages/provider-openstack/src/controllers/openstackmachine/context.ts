import type { Cluster, InformerSource, KubeClient, Logger, Machine, ObjectEventRecorder } from '@capi-ts/sdk';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import type { OpenStackMachine } from '../../api/v1beta1/openstack-machine.js';
import type { CloudSession, CloudSessions } from '../../cloud/sessions.js';
import type { PendingDelays } from '../openstackcluster/pending-delays.js';
import type { ClusterRef } from '../shared/resource-names.js';

/** What the reconcile steps of one OpenStackMachine share. */
export interface MachineContext {
  /** The working copy of the object; steps record what they find in its spec and status. */
  readonly object: OpenStackMachine;
  readonly machine: Readonly<Machine>;
  readonly cluster: Readonly<Cluster>;
  readonly openStackCluster: Readonly<OpenStackCluster>;
  /** The Cluster's namespace and name: CAPO names the load balancer members after them. */
  readonly ref: ClusterRef;
  readonly client: KubeClient;
  readonly cache: InformerSource;
  readonly sessions: CloudSessions;
  /** Growing delays while waiting for the load balancer, per machine. */
  readonly delays: PendingDelays;
  readonly logger: Logger;
  /** CAPO's parity events about the OpenStackMachine (its API server floating IP). */
  readonly events: ObjectEventRecorder;
}

/** The status of the working copy, created when missing. */
export function statusOf(context: MachineContext): NonNullable<OpenStackMachine['status']> {
  context.object.status ??= {};
  return context.object.status;
}

/**
 * The OpenStack session of the machine: its own `identityRef`, else the OpenStackCluster's (CAPO's
 * `NewClientScopeFromObject`). Throws an `IdentityError` for unusable credentials.
 */
export function sessionOf(context: MachineContext): Promise<CloudSession> {
  const identityRef = context.object.spec.identityRef ?? context.openStackCluster.spec.identityRef;
  return context.sessions.forIdentity(context.object.metadata.namespace ?? '', identityRef);
}

/** The key of the machine in {@link MachineContext.delays}. */
export function delayKey(context: MachineContext): string {
  return `${context.object.metadata.namespace}/${context.object.metadata.name}`;
}
