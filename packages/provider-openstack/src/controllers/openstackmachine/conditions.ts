import {
  ConditionLayouts,
  type ConditionSeverity,
  getV1Beta1Conditions,
  setV1Beta1Condition,
  type V1Beta1Condition,
} from '@capi-ts/sdk';
import type { OpenStackMachine } from '../../api/v1beta1/openstack-machine.js';
import { ConditionType } from '../shared/conditions.js';

/** OpenStackMachine v1beta1 keeps Cluster API v1beta1 conditions (with severity) in `status.conditions`, as CAPO. */
export const MACHINE_CONDITION_LAYOUT = ConditionLayouts.v1beta1;

/** The conditions this controller owns when patching (CAPO's owned conditions). */
export const MACHINE_OWNED_CONDITIONS = [
  ConditionType.ready,
  ConditionType.instanceReady,
  ConditionType.apiServerIngressReady,
];

/** Sets one v1beta1 condition of the machine; `severity` only counts when the status is False. */
export function setMachineCondition(
  machine: OpenStackMachine,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason?: string,
  message?: string,
  severity: ConditionSeverity = 'Info',
): void {
  setV1Beta1Condition(
    machine,
    {
      type,
      status,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(status === 'False' ? { severity } : {}),
    },
    MACHINE_CONDITION_LAYOUT,
  );
}

/** The v1beta1 condition of `type`, if set. */
export function machineCondition(machine: Readonly<OpenStackMachine>, type: string): V1Beta1Condition | undefined {
  return getV1Beta1Conditions(machine, MACHINE_CONDITION_LAYOUT).find((c) => c.type === type);
}

const SEVERITY_RANK: Record<string, number> = { Error: 0, Warning: 1, Info: 2, '': 2 };

/** Lower is worse: False by severity (Error, Warning, Info), then Unknown, then True. */
function rank(condition: V1Beta1Condition): number {
  if (condition.status === 'False') return SEVERITY_RANK[condition.severity ?? ''] ?? 2;
  return condition.status === 'Unknown' ? 3 : 4;
}

/**
 * `Ready` summarises `InstanceReady` and, for control-plane machines, `APIServerIngressReadyCondition` (CAPO's
 * `conditions.SetSummary`): True when all that are set are True, else the worst of them (False before Unknown,
 * by severity) with its reason, message and severity. Nothing is set while none of them is.
 */
export function setReadySummary(machine: OpenStackMachine, controlPlane: boolean): void {
  const types: string[] = [ConditionType.instanceReady];
  if (controlPlane) types.push(ConditionType.apiServerIngressReady);
  const present = types
    .map((type) => machineCondition(machine, type))
    .filter((c): c is V1Beta1Condition => c !== undefined);
  const [worst] = [...present].sort((a, b) => rank(a) - rank(b));
  if (worst === undefined) return;
  if (worst.status === 'True') {
    setMachineCondition(machine, ConditionType.ready, 'True');
    return;
  }
  setMachineCondition(
    machine,
    ConditionType.ready,
    worst.status,
    worst.reason,
    worst.message,
    worst.severity ?? 'Info',
  );
}
