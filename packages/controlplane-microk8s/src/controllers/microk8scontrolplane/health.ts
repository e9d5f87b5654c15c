import { getCondition, type Machine } from '@capi-ts/sdk';
import { MicroK8sControlPlaneReason as Reason } from '../../api/v1beta1/index.js';
import { isNodeReady, type WorkloadNode } from './nodes.js';

/** A condition to set, before layout and severity. */
export interface ConditionValue {
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

const names = (machines: readonly Readonly<Machine>[]) => machines.map((m) => m.metadata.name).join(', ');

/**
 * `MachinesReady`, as Cluster API's KubeadmControlPlane aggregates it: True when every control-plane Machine's
 * `Ready` condition is True (and with no Machines, reason `NoReplicas`), False when one is False, else Unknown.
 */
export function machinesReady(machines: readonly Readonly<Machine>[]): ConditionValue {
  if (machines.length === 0) return { status: 'True', reason: Reason.NoReplicas, message: '' };
  const status = (m: Readonly<Machine>) => getCondition(m, 'Ready')?.status ?? 'Unknown';
  const notReady = machines.filter((m) => status(m) === 'False');
  if (notReady.length > 0) {
    return { status: 'False', reason: Reason.NotReady, message: `Machines not Ready: ${names(notReady)}` };
  }
  const unknown = machines.filter((m) => status(m) !== 'True');
  if (unknown.length > 0) {
    return {
      status: 'Unknown',
      reason: Reason.ReadyUnknown,
      message: `Readiness of Machines not reported yet: ${names(unknown)}`,
    };
  }
  return { status: 'True', reason: Reason.Ready, message: '' };
}

/**
 * `ControlPlaneComponentsHealthy` for MicroK8s: the API server, controller manager and scheduler run inside
 * kubelite with the kubelet, so they serve on a node exactly when its Node is Ready. Machines without a Node yet
 * (joining) are not judged; `nodes` is `undefined` when the workload cluster cannot be inspected.
 */
export function controlPlaneComponentsHealthy(
  machines: readonly Readonly<Machine>[],
  nodes: readonly Readonly<WorkloadNode>[] | undefined,
): ConditionValue {
  if (!nodes) {
    return {
      status: 'Unknown',
      reason: Reason.InspectionFailed,
      message: 'The workload cluster cannot be inspected yet',
    };
  }
  const withNodes = machines.filter((m) => m.status?.nodeRef?.name);
  if (withNodes.length === 0) {
    return { status: 'Unknown', reason: Reason.HealthUnknown, message: 'No control-plane Machine has a Node yet' };
  }
  const byName = new Map(nodes.map((node) => [node.metadata.name, node]));
  const problems = withNodes.flatMap((machine) => {
    const nodeName = machine.status?.nodeRef?.name as string;
    const node = byName.get(nodeName);
    if (!node) return [`Node ${nodeName} of Machine ${machine.metadata.name} does not exist`];
    return isNodeReady(node) ? [] : [`Node ${nodeName} of Machine ${machine.metadata.name} is not Ready`];
  });
  if (problems.length > 0) return { status: 'False', reason: Reason.NotHealthy, message: problems.join('; ') };
  return { status: 'True', reason: Reason.Healthy, message: '' };
}
