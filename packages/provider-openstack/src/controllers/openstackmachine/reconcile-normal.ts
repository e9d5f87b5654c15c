import { isControlPlaneMachine } from '@capi-ts/sdk';
import { computeApiOf } from '../../compute/compute-api.js';
import { isNotFound, nova } from '../../openstack/index.js';
import type { OpenStackSession } from '../../openstack/session.js';
import { loadBalancerEnabled } from '../openstackcluster/context.js';
import { ConditionReason, ConditionType, FAILURE_REASON_UPDATE_ERROR } from '../shared/conditions.js';
import { Finalizers } from '../shared/finalizers.js';
import { InvalidMachineSpecError } from '../shared/server-spec.js';
import { setMachineCondition } from './conditions.js';
import { delayKey, type MachineContext, sessionOf, statusOf } from './context.js';
import { reconcileApiServerFloatingIp } from './floating-ip.js';
import { INGRESS_READY, type IngressProgress, instanceAddressOn } from './ingress.js';
import { reconcileLoadBalancerMember } from './load-balancer-member.js';
import { getOrCreateServer } from './machine-server.js';
import { reconcileMachineState, recordAddresses } from './machine-state.js';
import { reportServerNotReady } from './server-state.js';

/** What a reconcile asks for next: nothing (a watch brings the next change), or another look after a delay. */
export interface NextStep {
  readonly requeueAfter?: number;
}

/** Options of {@link reconcileNormal}. */
export interface NormalOptions {
  /** The OpenStackServer controller's limit of replacements of a server in ERROR. */
  readonly maxErrorReplacements?: number | undefined;
}

/** Reason of `APIServerIngressReadyCondition=False` while Octavia works on the machine's members. */
export const WAITING_FOR_LOAD_BALANCER = 'WaitingForLoadBalancer';

/**
 * CAPO's `reconcileNormal` of an OpenStackMachine: nothing once failed; wait (watched, no polling) for the
 * OpenStackCluster to be ready and for the Machine's bootstrap data; add the finalizer (written before anything is
 * created); get or create the OpenStackServer; wait for it to be ready, showing why it is not; read the Nova server
 * for the addresses; set the machine state and providerID; for a control-plane machine, join the API server load
 * balancer or associate the API server floating IP.
 */
export async function reconcileNormal(context: MachineContext, options: NormalOptions): Promise<NextStep> {
  const { object, machine, openStackCluster } = context;
  const T = ConditionType.instanceReady;
  if (object.status?.failureReason || object.status?.failureMessage) return {};
  if (!openStackCluster.status?.ready) {
    setMachineCondition(object, T, 'False', ConditionReason.waitingForClusterInfrastructure, undefined, 'Info');
    return {};
  }
  const dataSecretName = machine.spec.bootstrap.dataSecretName;
  if (!dataSecretName) {
    setMachineCondition(object, T, 'False', ConditionReason.waitingForBootstrapData, undefined, 'Info');
    return {};
  }
  if (!object.metadata.finalizers?.includes(Finalizers.openStackMachine)) {
    object.metadata.finalizers = [...(object.metadata.finalizers ?? []), Finalizers.openStackMachine];
    return {};
  }

  let server: Awaited<ReturnType<typeof getOrCreateServer>>;
  try {
    server = await getOrCreateServer(context, dataSecretName);
  } catch (error) {
    if (!(error instanceof InvalidMachineSpecError)) throw error;
    setMachineCondition(object, T, 'False', error.reason, error.message, 'Error');
    return {};
  }
  if (!server.status?.ready || !server.status.instanceID) {
    reportServerNotReady(context, server, options.maxErrorReplacements);
    return {};
  }

  const { session } = await sessionOf(context);
  const compute = await computeApiOf(session);
  let instance: nova.Server;
  try {
    instance = await nova.getServer(compute, server.status.instanceID);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const message = 'The server was unexpectedly deleted';
    setMachineCondition(object, T, 'False', ConditionReason.instanceDeleted, message, 'Error');
    const status = statusOf(context);
    status.failureReason = FAILURE_REASON_UPDATE_ERROR;
    status.failureMessage = message;
    return {};
  }
  recordAddresses(context, instance);
  if (!reconcileMachineState(context, server) || !isControlPlaneMachine(machine)) return {};
  return reconcileApiServerIngress(context, session, instance);
}

/**
 * `APIServerIngressReadyCondition` of a control-plane machine: its load balancer members, or in a cluster without
 * load balancer the API server floating IP (unless disabled). Failures are `LoadBalancerMemberError` /
 * `FloatingIPError`; while Octavia is busy the condition waits with a growing delay.
 */
async function reconcileApiServerIngress(
  context: MachineContext,
  session: OpenStackSession,
  instance: nova.Server,
): Promise<NextStep> {
  const { object, openStackCluster } = context;
  const C = ConditionType.apiServerIngressReady;
  const lb = loadBalancerEnabled(openStackCluster);
  let progress: IngressProgress = INGRESS_READY;
  try {
    if (lb) {
      const networkName = openStackCluster.status?.network?.name ?? '';
      const address = instanceAddressOn(instance, networkName);
      if (!address) throw new Error(`server ${instance.id} has no address on the cluster network ${networkName}`);
      progress = await reconcileLoadBalancerMember(context, session, address);
    } else if (!openStackCluster.spec.disableAPIServerFloatingIP) {
      await reconcileApiServerFloatingIp(context, session, instance);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = lb ? ConditionReason.loadBalancerMemberError : ConditionReason.floatingIPError;
    setMachineCondition(object, C, 'False', reason, message, 'Error');
    throw error;
  }
  if (progress.state === 'pending') {
    setMachineCondition(object, C, 'False', WAITING_FOR_LOAD_BALANCER, progress.message, 'Info');
    return { requeueAfter: context.delays.next(delayKey(context)) };
  }
  context.delays.reset(delayKey(context));
  setMachineCondition(object, C, 'True');
  return {};
}
