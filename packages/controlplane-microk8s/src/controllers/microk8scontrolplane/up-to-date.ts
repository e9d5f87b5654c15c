import { indentIfMultiline, type Machine } from '@capi-ts/sdk';
import { MicroK8sControlPlaneReason as Reason } from '../../api/v1beta1/index.js';
import type { ConditionValue } from './health.js';
import { isOutdated } from './plan.js';

/**
 * Cluster API's v1beta2 `UpToDate` condition of a Machine and its reasons. For Machines owned by a control plane,
 * Cluster API's Machine controller leaves it to the control-plane provider (as KubeadmControlPlane sets it).
 */
export const MachineUpToDate = {
  type: 'UpToDate',
  reasons: { upToDate: 'UpToDate', notUpToDate: 'NotUpToDate', updating: 'Updating' },
} as const;

/**
 * A control-plane Machine's `UpToDate`, with the planner's notion of outdated (another minor than `version`: a
 * MicroK8s snap track per minor, so patch releases roll nothing out). KubeadmControlPlane's messages: one
 * `* <why>` line per difference; `Updating` while this Machine is being upgraded in place.
 */
export function machineUpToDate(
  machine: Readonly<Machine>,
  version: string,
  upgradingInPlace: boolean,
): ConditionValue {
  const { reasons } = MachineUpToDate;
  if (upgradingInPlace) {
    return {
      status: 'False',
      reason: reasons.updating,
      message: `* In-place upgrade to ${version} in progress`,
    };
  }
  if (isOutdated(machine, version)) {
    const current = machine.spec.version ?? 'not set';
    return { status: 'False', reason: reasons.notUpToDate, message: `* Version ${current}, ${version} required` };
  }
  return { status: 'True', reason: reasons.upToDate, message: '' };
}

/** A Machine and the `UpToDate` condition computed for it. */
export interface MachineUpToDateValue {
  machine: Readonly<Machine>;
  value: ConditionValue;
}

/** Priority of a Machine's condition in the aggregate, as Cluster API's merge: issues, then unknown, then info. */
const priority = (value: ConditionValue) => (value.status === 'False' ? 0 : value.status === 'Unknown' ? 1 : 2);

/** How many message groups the aggregate lists before summing up the rest (Cluster API's default). */
const MAX_MESSAGE_GROUPS = 3;
/** How many Machine names one message group lists. */
const MAX_NAMES = 3;

/**
 * The control plane's v1beta2 `MachinesUpToDate`, aggregated from its Machines' `UpToDate` as KubeadmControlPlane
 * does: True/`NoReplicas` without Machines; False/`NotUpToDate` when one is False, else Unknown/`UpToDateUnknown`
 * when one is Unknown, else True/`UpToDate`. The message groups the Machines by message, as Cluster API's
 * aggregation (`* Machines a, b:` followed by the indented message), issues first.
 */
export function machinesUpToDate(machines: readonly MachineUpToDateValue[]): ConditionValue {
  if (machines.length === 0) return { status: 'True', reason: Reason.NoReplicas, message: '' };
  const worst = Math.min(...machines.map((m) => priority(m.value)));
  const status = worst === 0 ? 'False' : worst === 1 ? 'Unknown' : 'True';
  const reason = worst === 0 ? Reason.NotUpToDate : worst === 1 ? Reason.UpToDateUnknown : Reason.UpToDate;
  return { status, reason, message: aggregateMessage(machines, status === 'True') };
}

function aggregateMessage(machines: readonly MachineUpToDateValue[], includeInfo: boolean): string {
  const groups = new Map<string, { names: string[]; priority: number }>();
  for (const { machine, value } of machines) {
    const name = machine.metadata.name as string;
    const p = priority(value);
    if (p === 2 && (!includeInfo || value.message === '')) continue;
    const group = groups.get(value.message) ?? { names: [], priority: p };
    group.names.push(name);
    group.priority = Math.min(group.priority, p);
    groups.set(value.message, group);
  }
  const ordered = [...groups.entries()]
    .map(([message, group]) => ({ message, ...group, names: group.names.sort() }))
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        b.names.length - a.names.length ||
        a.names.join(',').localeCompare(b.names.join(',')),
    );
  const lines = ordered.slice(0, MAX_MESSAGE_GROUPS).map(({ message, names }) => {
    const kind = names.length === 1 ? 'Machine' : 'Machines';
    const shown = names.slice(0, MAX_NAMES).join(', ');
    const more = names.length > MAX_NAMES ? `, ... (${names.length - MAX_NAMES} more)` : '';
    return `* ${kind} ${shown}${more}:${indentIfMultiline(message)}`;
  });
  const rest = ordered.slice(MAX_MESSAGE_GROUPS);
  const summaries = [
    { priority: 0, text: 'with other issues' },
    { priority: 1, text: 'with status unknown' },
    { priority: 2, text: 'with additional info' },
  ];
  for (const { priority: p, text } of summaries) {
    const count = rest.filter((g) => g.priority === p).reduce((sum, g) => sum + g.names.length, 0);
    if (count > 0) lines.push(`And ${count} ${count === 1 ? 'Machine' : 'Machines'} ${text}`);
  }
  return lines.join('\n');
}
