import type { ConditionForm } from './layout.js';
import type { Condition, V1Beta1Condition } from './types.js';

/**
 * CAPI's default v1beta2 condition order (`util/conditions/sort.go`): availability conditions first, then
 * operations, then conditions aggregated from Machines, then everything else (readiness and availability
 * gates, custom types) alphabetically, and `Paused` and `Deleting` last.
 */
const ORDER: readonly string[] = [
  'Available',
  'Ready',
  'UpToDate',
  'RemoteConnectionProbe',
  'BootstrapConfigReady',
  'InfrastructureReady',
  'ControlPlaneInitialized',
  'ControlPlaneAvailable',
  'WorkersAvailable',
  'CertificatesAvailable',
  'Initialized',
  'EtcdClusterHealthy',
  'ControlPlaneComponentsHealthy',
  'NodeHealthy',
  'NodeReady',
  'EtcdPodHealthy',
  'EtcdMemberHealthy',
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
  'HealthCheckSucceeded',
  'OwnerRemediated',
  'TopologyReconciled',
  'Updating',
  'RollingOut',
  'Remediating',
  'ScalingDown',
  'ScalingUp',
  'MachinesReady',
  'ControlPlaneMachinesReady',
  'WorkerMachinesReady',
  'MachinesUpToDate',
  'ControlPlaneMachinesUpToDate',
  'WorkerMachinesUpToDate',
  // Placeholder for every type not listed here (readiness/availability gates, provider-specific types).
  '',
  'Paused',
  'Deleting',
];

const RANK = new Map(ORDER.map((type, index) => [type, index]));
const OTHER_RANK = RANK.get('') ?? 0;

/** Orders v1beta2 conditions as CAPI does; use with `Array.prototype.sort`. */
export function compareConditions(a: Pick<Condition, 'type'>, b: Pick<Condition, 'type'>): number {
  const ra = RANK.get(a.type) ?? OTHER_RANK;
  const rb = RANK.get(b.type) ?? OTHER_RANK;
  if (ra !== rb) return ra - rb;
  return compareStrings(a.type, b.type);
}

/** Orders v1beta1 conditions as CAPI's v1beta1 helpers do: `Ready` first, then by type. */
export function compareV1Beta1Conditions(a: Pick<V1Beta1Condition, 'type'>, b: Pick<V1Beta1Condition, 'type'>): number {
  if (a.type === b.type) return 0;
  if (a.type === 'Ready') return -1;
  if (b.type === 'Ready') return 1;
  return compareStrings(a.type, b.type);
}

/** Sorts a condition list of the given form in place (stable) and returns it. */
export function sortConditionList<T extends { type: string }>(list: T[], form: ConditionForm): T[] {
  return list.sort(form === 'v1beta2' ? compareConditions : compareV1Beta1Conditions);
}

/** Code-unit string order (not locale-aware); the same as Go's `<` for the ASCII names conditions use. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
