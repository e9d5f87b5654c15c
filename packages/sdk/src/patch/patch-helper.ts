import { isConflict, isInvalid, isNotFound } from '../client/errors.js';
import type { JsonPatchOperation, KubeClient, ObjectKey } from '../client/kube-client.js';
import type { KubeObject, OwnerReference } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type ConditionLayout, ConditionLayouts, readList } from '../conditions/layout.js';
import { applyConditionChanges, type ListedCondition } from './condition-changes.js';
import { deepEqual, type JsonRecord, setAtPath } from './json.js';
import { mergeKeyedList } from './keyed-list.js';
import { isEmptyPlan, type MetadataListChange, type PatchPlan, planPatch } from './plan.js';

/** Options of {@link createPatchHelper}. */
export interface PatchHelperOptions {
  /** Where the kind keeps its condition lists; default {@link ConditionLayouts}.v1beta2. */
  conditionLayout?: ConditionLayout;
  /** Whether the kind has the `/status` subresource (default true); if not, status goes to the main resource. */
  statusSubresource?: boolean;
}

/** Options of {@link PatchHelper.patch}. */
export interface PatchChangesOptions {
  /** Condition types this controller owns: our value wins over a concurrent change instead of failing. */
  ownedConditions?: readonly string[];
  /** Our value wins for every condition type (CAPI's `WithForceOverwriteConditions`). */
  forceOverwriteConditions?: boolean;
}

/** What {@link PatchHelper.patch} did. */
export interface PatchChangesResult<T extends KubeObject> {
  /** Whether any write request was sent. */
  written: boolean;
  /** The object as the API server returned it after the last write; `undefined` when nothing was written. */
  object: T | undefined;
}

/** How many times a write is retried after a conflict, re-reading the latest object each time. */
const MAX_ATTEMPTS = 5;

/**
 * Snapshot → mutate → patch, after cluster-api's `util/patch`. Create it from the object the reconcile
 * starts with (it may be a frozen object from the cache: the helper keeps a deep copy), change a working copy
 * (for instance {@link PatchHelper.object}), then call {@link PatchHelper.patch} with it. Only what changed
 * is sent, in up to three requests, in this order:
 *
 * 1. **metadata + spec**: a JSON merge patch of only the changed label and annotation keys and the changed
 *    top-level fields (`spec`, ...). Metadata is never replaced wholesale: CAPI writes owner references and
 *    labels on provider objects concurrently. It goes first, as in Cluster API's helper, so that a reader that
 *    sees the new status (`initialization.provisioned`) also sees the spec it describes (`spec.providerID`).
 * 2. **status** (`/status` subresource): a JSON merge patch of the changed status fields plus the condition
 *    lists, merged three-way. Our condition changes (per type) are replayed on the latest server copy, so two
 *    controllers that set different conditions never clobber each other. The request carries
 *    `metadata.resourceVersion` (optimistic lock); on a conflict the helper re-reads the object and replays
 *    again (up to 5 attempts; the first uses the copy returned by step 1, or the snapshot, saving a read when
 *    nobody else wrote). A condition that another writer changed differently is a {@link ConditionConflictError}
 *    unless owned or forced.
 * 3. **finalizers and owner references**: a merge patch would replace these arrays whole, dropping entries
 *    added concurrently (CAPI adds owner references; other controllers add finalizers). They go as a JSON patch
 *    that first `test`s the array as last seen, then sets it to that array with our additions and removals
 *    replayed (three-way, by finalizer name and by owner group/kind/name). A failed `test` makes the helper
 *    re-read and replay (up to 5 attempts). This request goes last, so removing the last finalizer happens
 *    after status is written.
 *
 * Nothing changed → no request at all. A failing part does not stop the others; errors are thrown afterwards
 * (an `AggregateError` when several). A `NotFound` is ignored when the object is being deleted and has no
 * finalizers left. After a successful call the working copy becomes the new snapshot, so the helper can be used
 * again for later changes.
 */
export class PatchHelper<T extends KubeObject> {
  /** A mutable deep copy of the object the helper was created from, to use as the working copy. */
  readonly object: T;
  private snapshot: T;
  private readonly layout: ConditionLayout;
  private readonly statusSubresource: boolean;

  constructor(
    private readonly client: KubeClient,
    private readonly type: ResourceType<T>,
    object: T | Readonly<T>,
    options: PatchHelperOptions = {},
  ) {
    this.snapshot = structuredClone(object) as T;
    this.object = structuredClone(object) as T;
    this.layout = options.conditionLayout ?? ConditionLayouts.v1beta2;
    this.statusSubresource = options.statusSubresource ?? true;
  }

  /** Whether `object` differs from the snapshot in anything the helper would send. */
  hasChanges(object: T): boolean {
    return !isEmptyPlan(planPatch(this.snapshot, object, this.layout));
  }

  /** Sends the changes between the snapshot and `object` (see the class documentation). */
  async patch(object: T, options: PatchChangesOptions = {}): Promise<PatchChangesResult<T>> {
    const after = structuredClone(object) as T;
    const plan = planPatch(this.snapshot, after, this.layout);
    if (isEmptyPlan(plan)) return { written: false, object: undefined };

    const gone = (err: unknown) =>
      isNotFound(err) && after.metadata.deletionTimestamp !== undefined && !after.metadata.finalizers?.length;
    const errors: unknown[] = [];
    let latest: T | undefined;
    const attempt = async (part: () => Promise<T | undefined>) => {
      try {
        latest = (await part()) ?? latest;
      } catch (err) {
        if (!gone(err)) errors.push(err);
      }
    };
    // Metadata and spec first, then status, as Cluster API's helper does: a reader that sees the new status (say,
    // `initialization.provisioned`) then also sees the spec it describes (say, `spec.providerID`).
    const main = plan.main;
    if (main) await attempt(() => this.client.mergePatch(this.type, this.key, main));
    await attempt(() => this.patchStatus(plan, options, latest));
    if (plan.metadataLists.length > 0) await attempt(() => this.patchMetadataLists(plan.metadataLists, latest));

    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `patching ${this.describe()} failed`);
    this.snapshot = after;
    return { written: latest !== undefined, object: latest };
  }

  private get key(): ObjectKey {
    const { namespace, name } = this.snapshot.metadata;
    if (!name) throw new Error('the patch helper needs an object with metadata.name');
    return namespace ? { namespace, name } : { name };
  }

  private describe(): string {
    const { namespace, name } = this.snapshot.metadata;
    return `${this.type.kind} ${namespace ? `${namespace}/` : ''}${name}`;
  }

  /** @param base the latest server copy known (from the spec patch), else the snapshot is the first guess. */
  private async patchStatus(
    plan: PatchPlan,
    options: PatchChangesOptions,
    base: T | undefined,
  ): Promise<T | undefined> {
    if (plan.status === undefined && plan.conditions.length === 0) return undefined;
    const subresource = this.statusSubresource ? ('status' as const) : undefined;
    if (plan.conditions.length === 0 || plan.status === null) {
      return await this.client.mergePatch(this.type, this.key, { status: plan.status }, { subresource });
    }
    let current: KubeObject | undefined = base ?? (this.snapshot.metadata.resourceVersion ? this.snapshot : undefined);
    for (let attempt = 1; ; attempt++) {
      current ??= await this.client.get(this.type, this.key);
      const body: JsonRecord = {
        metadata: { resourceVersion: current.metadata.resourceVersion },
        status: structuredClone(plan.status ?? {}),
      };
      let changed = plan.status !== undefined;
      for (const { location, changes } of plan.conditions) {
        const latestList = readList<ListedCondition>(current, location.path) ?? [];
        const merged = applyConditionChanges(latestList, changes, {
          form: location.form,
          ...conditionOwnership(options),
        });
        if (deepEqual(merged, latestList)) continue;
        setAtPath(body, location.path, merged.length > 0 ? merged : null);
        changed = true;
      }
      if (!changed) return undefined;
      try {
        return await this.client.mergePatch(this.type, this.key, body, { subresource });
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        if (attempt > 1) await jitteredPause();
        current = undefined;
      }
    }
  }

  private async patchMetadataLists(lists: MetadataListChange[], latest: T | undefined): Promise<T | undefined> {
    let current: KubeObject = latest ?? this.snapshot;
    for (let attempt = 1; ; attempt++) {
      const operations: JsonPatchOperation[] = [];
      const tested: unknown[] = [];
      for (const list of lists) {
        const seen: unknown[] = current.metadata[list.field] ?? [];
        const desired = replayListChange(list, seen);
        if (deepEqual(seen, desired)) continue;
        const path = `/metadata/${list.field}`;
        operations.push({ op: 'test', path, value: seen.length > 0 ? seen : null });
        operations.push(desired.length > 0 ? { op: 'add', path, value: desired } : { op: 'remove', path });
        tested.push(seen);
      }
      if (operations.length === 0) return undefined;
      try {
        return await this.client.jsonPatch(this.type, this.key, operations);
      } catch (err) {
        // A failed `test` answers 422 Invalid with no detail; so does a genuinely invalid value.
        if (!isInvalid(err) || attempt >= MAX_ATTEMPTS) throw err;
        const fresh = await this.client.get(this.type, this.key);
        const unchanged = lists.every((list) =>
          deepEqual(fresh.metadata[list.field] ?? [], current.metadata[list.field] ?? []),
        );
        if (unchanged) throw err;
        if (attempt > 1) await jitteredPause();
        current = fresh;
      }
    }
  }
}

/**
 * Snapshots `object` for a later {@link PatchHelper.patch}. The snapshot is a deep copy, so `object` may be a
 * frozen object from the cache.
 */
export function createPatchHelper<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType<T>,
  object: T | Readonly<T>,
  options?: PatchHelperOptions,
): PatchHelper<T> {
  return new PatchHelper(client, type, object, options);
}

/** Our additions and removals of one metadata list, replayed on the list as last seen. */
function replayListChange(list: MetadataListChange, seen: unknown[]): unknown[] {
  if (list.field === 'finalizers') return mergeKeyedList(list.before, list.after, seen as string[], list.keyOf);
  return mergeKeyedList(list.before, list.after, seen as OwnerReference[], list.keyOf);
}

function conditionOwnership(options: PatchChangesOptions) {
  return {
    ownedConditions: options.ownedConditions ?? [],
    forceOverwrite: options.forceOverwriteConditions ?? false,
  };
}

/** 100–200 ms, as CAPI's patch backoff (100 ms, jitter 1.0), so that competing writers fall out of step. */
async function jitteredPause(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100 * (1 + Math.random())));
}
