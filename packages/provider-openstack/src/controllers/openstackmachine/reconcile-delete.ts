import { isControlPlaneMachine, isNotFound as isKubeNotFound } from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { computeApiOf } from '../../compute/compute-api.js';
import { isNotFound, nova } from '../../openstack/index.js';
import { loadBalancerEnabled } from '../openstackcluster/context.js';
import { ConditionReason, ConditionType } from '../shared/conditions.js';
import { setMachineCondition } from './conditions.js';
import { delayKey, type MachineContext, sessionOf } from './context.js';
import { deleteServerFloatingIps } from './floating-ip.js';
import { deleteLoadBalancerMembers } from './load-balancer-member.js';
import { type NextStep, WAITING_FOR_LOAD_BALANCER } from './reconcile-normal.js';

/** Where a deletion stands: `done` once the finalizer may go. */
export interface DeleteStep extends NextStep {
  readonly done: boolean;
}

/**
 * CAPO's `reconcileDelete` of an OpenStackMachine: a control-plane machine leaves the API server load balancer
 * pools (or, without load balancer and without `apiServerFloatingIP`, its floating IPs are deleted); then the
 * OpenStackServer is deleted, and the finalizer goes once it is gone (its deletion is watched: no polling). Nothing
 * was created in OpenStack when the OpenStackCluster never became ready.
 */
export async function reconcileDelete(context: MachineContext): Promise<DeleteStep> {
  const { object, machine, openStackCluster, cache } = context;
  const key = { namespace: object.metadata.namespace as string, name: object.metadata.name as string };
  const server = cache.informerFor(OpenStackServer).get(key);
  const clusterReady = openStackCluster.status?.ready === true && openStackCluster.status.network !== undefined;

  if (clusterReady && isControlPlaneMachine(machine)) {
    const C = ConditionType.apiServerIngressReady;
    const { session } = await sessionOf(context);
    if (loadBalancerEnabled(openStackCluster)) {
      try {
        const progress = await deleteLoadBalancerMembers(context, session);
        if (progress.state === 'pending') {
          setMachineCondition(object, C, 'False', WAITING_FOR_LOAD_BALANCER, progress.message, 'Info');
          return { done: false, requeueAfter: context.delays.next(delayKey(context)) };
        }
      } catch (error) {
        const message = `Machine could not be removed from load balancer: ${(error as Error).message}`;
        setMachineCondition(object, C, 'False', ConditionReason.loadBalancerMemberError, message, 'Warning');
        throw error;
      }
      context.delays.reset(delayKey(context));
    } else if (!openStackCluster.spec.apiServerFloatingIP && server?.status?.instanceID) {
      const compute = await computeApiOf(session);
      const instance = await nova.getServer(compute, server.status.instanceID).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (instance) await deleteServerFloatingIps(context, session, instance);
    }
  }

  if (server) {
    if (server.metadata.deletionTimestamp === undefined) {
      try {
        await context.client.delete(OpenStackServer, key);
      } catch (error) {
        if (isKubeNotFound(error)) return { done: false };
        const message = `Deleting instance failed: ${(error as Error).message}`;
        setMachineCondition(
          object,
          ConditionType.instanceReady,
          'False',
          ConditionReason.instanceDeleteFailed,
          message,
          'Error',
        );
        throw error;
      }
      context.logger.info({ server: key.name }, 'Deleting the OpenStackServer');
    }
    const message = `waiting for OpenStackServer ${key.name} to be deleted`;
    setMachineCondition(object, ConditionType.instanceReady, 'False', ConditionReason.instanceDeleted, message, 'Info');
    return { done: false };
  }
  return { done: true };
}
