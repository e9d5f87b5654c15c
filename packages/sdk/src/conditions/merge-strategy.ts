import { type Condition, ConditionReason, type ConditionStatus } from './types.js';

/** How a condition counts in a merge: an issue, unknown, or info (its normal state). Lower goes first. */
export const MergePriority = { Issue: 0, Unknown: 1, Info: 2 } as const;
/** One of {@link MergePriority}. */
export type MergePriority = (typeof MergePriority)[keyof typeof MergePriority];

/** The condition fields a merge reads. `lastTransitionTime` may be empty for conditions not yet reported. */
export type MergeInput = Pick<Condition, 'type' | 'status' | 'reason' | 'message' | 'lastTransitionTime'>;

/** Status, reason and message of a merged condition. */
export interface MergeResult {
  status: ConditionStatus;
  reason: string;
  message: string;
}

/**
 * Merges several conditions into one. `conditions` holds exactly one condition per type in scope (missing ones
 * already defaulted); `conditionTypes` is the scope in order of relevance.
 */
export interface MergeStrategy {
  merge(conditions: MergeInput[], conditionTypes: readonly string[]): MergeResult;
}

/** Options of {@link defaultMergeStrategy}. */
export interface DefaultMergeStrategyOptions {
  /** Classifies each condition; default {@link defaultMergePriority} with no negative-polarity types. */
  getPriority?: (condition: MergeInput) => MergePriority;
  /** Polarity of the merged condition (`True` = good); default true. */
  targetConditionHasPositivePolarity?: boolean;
  /** Picks the merged reason; default `IssuesReported` / `UnknownReported` / `InfoReported`. */
  computeReason?: (issues: MergeInput[], unknown: MergeInput[], info: MergeInput[]) => string;
  /** Rewrites the lines of the summary message before they are joined. */
  summaryMessageTransform?: (lines: string[]) => string[];
}

/**
 * CAPI's default priority function (`GetDefaultMergePriorityFunc`): `Unknown` is unknown; `False` is an issue
 * and `True` info, reversed for the negative-polarity types (where `True` is bad, e.g. `Paused`, `Deleting`).
 */
export function defaultMergePriority(
  negativePolarityTypes: readonly string[] = [],
): (condition: MergeInput) => MergePriority {
  const negative = new Set(negativePolarityTypes);
  return (condition) => {
    switch (condition.status) {
      case 'True':
        return negative.has(condition.type) ? MergePriority.Issue : MergePriority.Info;
      case 'False':
        return negative.has(condition.type) ? MergePriority.Info : MergePriority.Issue;
      default:
        return MergePriority.Unknown;
    }
  };
}

/** CAPI's `GetDefaultComputeMergeReasonFunc`: one reason per group, issues over unknown over info. */
export function groupReason(
  issueReason: string,
  unknownReason: string,
  infoReason: string,
): (issues: MergeInput[], unknown: MergeInput[], info: MergeInput[]) => string {
  return (issues, unknown) => {
    if (issues.length > 0) return issueReason;
    if (unknown.length > 0) return unknownReason;
    return infoReason;
  };
}

/**
 * The port of CAPI's `DefaultMergeStrategy` for summaries (`util/conditions/merge_strategies.go`):
 * - conditions are ordered by their position in the scope, then by `lastTransitionTime` (oldest first);
 * - status: `False` if any issue, else `Unknown` if any unknown, else `True` (swapped `True`/`False` when the
 *   target has negative polarity);
 * - reason: from `computeReason`, by default the generic `IssuesReported`, `UnknownReported`, `InfoReported`;
 * - message: one line per condition, in scope order, `* <Type>: <message>` (the reason when the message is
 *   empty; multi-line messages indented under the bullet). Issues and unknown conditions are always listed;
 *   info conditions only when the merged status is `True`, and only if their message is not empty.
 */
export function defaultMergeStrategy(options: DefaultMergeStrategyOptions = {}): MergeStrategy {
  const getPriority = options.getPriority ?? defaultMergePriority();
  const positive = options.targetConditionHasPositivePolarity ?? true;
  const computeReason =
    options.computeReason ??
    groupReason(ConditionReason.IssuesReported, ConditionReason.UnknownReported, ConditionReason.InfoReported);
  return {
    merge(conditions, conditionTypes) {
      if (conditions.length === 0) throw new Error("can't merge an empty list of conditions");
      const sorted = sortByRelevance(conditions, conditionTypes);
      const groups = { issues: [] as MergeInput[], unknown: [] as MergeInput[], info: [] as MergeInput[] };
      for (const condition of sorted) {
        const priority = getPriority(condition);
        if (priority === MergePriority.Issue) groups.issues.push(condition);
        else if (priority === MergePriority.Unknown) groups.unknown.push(condition);
        else groups.info.push(condition);
      }
      let status: ConditionStatus;
      if (groups.issues.length > 0) status = positive ? 'False' : 'True';
      else if (groups.unknown.length > 0) status = 'Unknown';
      else status = positive ? 'True' : 'False';

      const lines: string[] = [];
      for (const condition of sorted) {
        if (getPriority(condition) === MergePriority.Info && (status !== 'True' || condition.message === '')) continue;
        lines.push(
          `* ${condition.type}:${condition.message ? indentIfMultiline(condition.message) : ` ${condition.reason}`}`,
        );
      }
      const message = (options.summaryMessageTransform?.(lines) ?? lines).join('\n');
      return { status, reason: computeReason(groups.issues, groups.unknown, groups.info), message };
    },
  };
}

/** Stable sort by position in `conditionTypes`, then by `lastTransitionTime` (older first). */
function sortByRelevance(conditions: MergeInput[], conditionTypes: readonly string[]): MergeInput[] {
  const rank = new Map(conditionTypes.map((type, index) => [type, index]));
  const rankOf = (c: MergeInput) => rank.get(c.type) ?? 0;
  const time = (c: MergeInput) => (c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0);
  return [...conditions].sort((a, b) => rankOf(a) - rankOf(b) || time(a) - time(b));
}

const BULLET = /\s*\*\s+/;

/**
 * Formats a condition message for a bullet list, as CAPI's `indentIfMultiline` does: a one-line message follows
 * after a space; a multi-line message, or one that contains a `* ` bullet, goes on the next lines, indented by
 * two spaces, with a `* ` added to lines that have no bullet (and lines that have one indented further).
 */
export function indentIfMultiline(message: string): string {
  if (!message.includes('\n') && !BULLET.test(message)) return ` ${message}`;
  const lines = message.split('\n');
  const someWithoutBullet = lines.some((line) => !BULLET.test(line));
  const indented = lines.map((line) => {
    if (!someWithoutBullet) return `  ${line}`;
    return BULLET.test(line) ? `    ${line}` : `  * ${line}`;
  });
  return `\n${indented.join('\n')}`;
}
