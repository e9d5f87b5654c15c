import type { FailureDomain, Machine } from '@capi-ts/sdk';
import type { UpgradeStrategy } from '../../api/v1beta1/index.js';
import { controlPlaneFailureDomains, crowdedFailureDomain } from './failure-domains.js';
import { sameMinor } from './versions.js';

/** What the control plane needs next; one step per reconcile, as CACPM. */
export type ControlPlanePlan =
  | { action: 'create'; reason: 'Initializing' | 'ScalingUp' | 'RollingUpgrade' }
  | { action: 'delete'; machine: Machine; reason: 'ScalingDown' | 'RollingUpgrade' }
  | { action: 'upgradeInPlace'; machines: Machine[] }
  | { action: 'waitForDeletion'; machine: Machine }
  | { action: 'waitForNodes'; machines: Machine[] }
  | { action: 'none' };

/** Input of {@link planControlPlane}. */
export interface PlanInput {
  /** `spec.replicas` (defaulted). */
  replicas: number;
  /** `spec.version`. */
  version: string;
  upgradeStrategy?: UpgradeStrategy;
  /** The control-plane Machines. */
  machines: readonly Machine[];
  /** `Cluster.status.failureDomains`. */
  failureDomains: readonly FailureDomain[];
}

/**
 * The strategy that applies: `SmartUpgrade` (also when unset) rolls control planes of 3 or more Machines and
 * upgrades smaller ones in place, as CACPM.
 */
export function effectiveUpgradeStrategy(
  strategy: UpgradeStrategy | undefined,
  machineCount: number,
): 'RollingUpgrade' | 'InPlaceUpgrade' {
  if (strategy === 'RollingUpgrade' || strategy === 'InPlaceUpgrade') return strategy;
  return machineCount >= 3 ? 'RollingUpgrade' : 'InPlaceUpgrade';
}

const byAge = (a: Machine, b: Machine): number => {
  const [x, y] = [a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? ''];
  return x < y ? -1 : x > y ? 1 : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
};

/** Whether a Machine runs an older minor than `version`. */
export function isOutdated(machine: Readonly<Machine>, version: string): boolean {
  return machine.spec.version === undefined || !sameMinor(machine.spec.version, version);
}

/**
 * The Machine to remove when scaling down: outdated Machines first, among them those that never joined a node,
 * then from the failure domain holding most of them (keeping the spread even), the oldest there.
 */
export function machineToDelete(machines: readonly Machine[], input: Pick<PlanInput, 'version' | 'failureDomains'>) {
  const outdated = machines.filter((m) => isOutdated(m, input.version));
  const byVersion = outdated.length > 0 ? outdated : [...machines];
  const unjoined = byVersion.filter((m) => m.status?.nodeRef === undefined);
  const candidates = unjoined.length > 0 ? unjoined : byVersion;
  const domain = crowdedFailureDomain(input.failureDomains, candidates);
  const known = controlPlaneFailureDomains(input.failureDomains);
  const inDomain = candidates.filter((m) =>
    domain === undefined
      ? m.spec.failureDomain === undefined || !known.includes(m.spec.failureDomain)
      : m.spec.failureDomain === domain,
  );
  return [...(inDomain.length > 0 ? inDomain : candidates)].sort(byAge)[0] as Machine;
}

/** Removes `machine` unless another Machine has not joined yet (no nodeRef): removal waits for it, as CACPM. */
function deleteOrWait(machines: readonly Machine[], machine: Machine, reason: 'ScalingDown' | 'RollingUpgrade') {
  const joining = machines.filter((m) => m !== machine && m.status?.nodeRef === undefined);
  if (joining.length > 0) return { action: 'waitForNodes', machines: joining } as const;
  return { action: 'delete', machine, reason } as const;
}

/**
 * The next step towards `replicas` Machines at `version`. Upgrades compare minors only (as CACPM). A rolling
 * upgrade surges one Machine and then removes an outdated one, so control planes of 1 and 2 Machines upgrade
 * too (CACPM refuses to scale below 4 and never finishes them). A Machine being deleted is waited for first, and
 * no Machine is removed while another one has not joined its node yet.
 */
export function planControlPlane(input: PlanInput): ControlPlanePlan {
  const { machines, replicas, version } = input;
  const deleting = machines.find((m) => m.metadata.deletionTimestamp !== undefined);
  if (deleting) return { action: 'waitForDeletion', machine: deleting };
  if (machines.length === 0) return replicas > 0 ? { action: 'create', reason: 'Initializing' } : { action: 'none' };

  const outdated = machines.filter((m) => isOutdated(m, version));
  if (outdated.length > 0) {
    if (effectiveUpgradeStrategy(input.upgradeStrategy, machines.length) === 'InPlaceUpgrade') {
      return { action: 'upgradeInPlace', machines: [...outdated].sort(byAge) };
    }
    if (machines.length <= Math.max(replicas, 1)) return { action: 'create', reason: 'RollingUpgrade' };
    return deleteOrWait(machines, machineToDelete(machines, input), 'RollingUpgrade');
  }
  if (machines.length < replicas) return { action: 'create', reason: 'ScalingUp' };
  if (machines.length > replicas && machines.length > 1) {
    return deleteOrWait(machines, machineToDelete(machines, input), 'ScalingDown');
  }
  return { action: 'none' };
}
