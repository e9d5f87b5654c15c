import { indentIfMultiline, MergePriority } from './merge-strategy.js';
import type { ConditionStatus } from './types.js';

/** One object's value of the condition being aggregated (e.g. a Machine's `UpToDate`). */
export interface AggregateInput {
  /** The object's name, as the message lists it. */
  readonly name: string;
  readonly status: ConditionStatus;
  readonly message: string;
}

/** Options of {@link aggregateCondition}. */
export interface AggregateOptions {
  /** How the message names the objects: `{ singular: 'Machine', plural: 'Machines' }`. */
  readonly kind: { readonly singular: string; readonly plural: string };
  /** The aggregate's reason when some object has an issue, else when some is unknown, else. */
  readonly reasons: { readonly issue: string; readonly unknown: string; readonly info: string };
  /** How many message groups are listed before the rest is counted; default 3, as Cluster API. */
  readonly maxGroups?: number;
  /** How many names one group lists; default 3. */
  readonly maxNames?: number;
}

/** Status, reason and message of an aggregated condition. */
export interface AggregateResult {
  status: ConditionStatus;
  reason: string;
  message: string;
}

/** Positive polarity (the condition is good when `True`): `False` is an issue, `Unknown` unknown, `True` info. */
function priorityOf(status: ConditionStatus): MergePriority {
  if (status === 'False') return MergePriority.Issue;
  if (status === 'Unknown') return MergePriority.Unknown;
  return MergePriority.Info;
}

const REST = [
  { priority: MergePriority.Issue, text: 'with other issues' },
  { priority: MergePriority.Unknown, text: 'with status unknown' },
  { priority: MergePriority.Info, text: 'with additional info' },
];

/**
 * One condition from the same condition of several objects, as Cluster API's `NewAggregateCondition` for a
 * positive-polarity condition (a control plane's `MachinesReady` or `MachinesUpToDate` from its Machines):
 * `False` when one object's is `False`, else `Unknown` when one is `Unknown`, else `True`. The message groups the
 * objects by message, issues first, then unknown, then (only when the result is `True`) info with a message; within
 * a priority the largest group first: `* Machines a, b:` followed by the message (indented when multi-line), at
 * most `maxGroups` groups of `maxNames` names, then one `And N Machines with other issues` line per priority for
 * the rest. `inputs` must not be empty.
 */
export function aggregateCondition(inputs: readonly AggregateInput[], options: AggregateOptions): AggregateResult {
  if (inputs.length === 0) throw new Error("can't aggregate the condition of no objects");
  const worst = Math.min(...inputs.map((input) => priorityOf(input.status)));
  const { reasons } = options;
  const [status, reason]: [ConditionStatus, string] =
    worst === MergePriority.Issue
      ? ['False', reasons.issue]
      : worst === MergePriority.Unknown
        ? ['Unknown', reasons.unknown]
        : ['True', reasons.info];
  return { status, reason, message: aggregateMessage(inputs, status === 'True', options) };
}

function aggregateMessage(inputs: readonly AggregateInput[], includeInfo: boolean, options: AggregateOptions): string {
  const maxGroups = options.maxGroups ?? 3;
  const maxNames = options.maxNames ?? 3;
  const name = (count: number) => (count === 1 ? options.kind.singular : options.kind.plural);
  const groups = new Map<string, { names: string[]; priority: MergePriority }>();
  for (const input of inputs) {
    const priority = priorityOf(input.status);
    if (priority === MergePriority.Info && (!includeInfo || input.message === '')) continue;
    const key = `${priority}\n${input.message}`;
    const group = groups.get(key) ?? { names: [], priority };
    group.names.push(input.name);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()]
    .map(([key, group]) => ({ message: key.slice(key.indexOf('\n') + 1), ...group, names: group.names.sort() }))
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        b.names.length - a.names.length ||
        a.names.join(',').localeCompare(b.names.join(',')),
    );
  const lines = ordered.slice(0, maxGroups).map(({ message, names }) => {
    const shown = names.slice(0, maxNames).join(', ');
    const more = names.length > maxNames ? `, ... (${names.length - maxNames} more)` : '';
    return `* ${name(names.length)} ${shown}${more}:${indentIfMultiline(message)}`;
  });
  const rest = ordered.slice(maxGroups);
  for (const { priority, text } of REST) {
    const count = rest.filter((g) => g.priority === priority).reduce((sum, g) => sum + g.names.length, 0);
    if (count > 0) lines.push(`And ${count} ${name(count)} ${text}`);
  }
  return lines.join('\n');
}
