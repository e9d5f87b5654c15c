import { z } from 'zod';
import { listType } from '../resource/extensions.js';

// zod schemas of the condition lists providers declare in `status`, for `defineResource()`. The constraints are the
// ones Cluster API's and controller-gen's CRDs carry; the options reproduce the variants providers shipped, so a
// provider's generated CRD stays identical to the Go provider's.

/** Options shared by the condition schemas. */
export interface ConditionSchemaOptions {
  /**
   * Emit field descriptions (and, for `metav1.Condition`, the `int64` format of `observedGeneration`) as
   * controller-gen does. Default `true`; `false` gives the bare validation constraints.
   */
  annotated?: boolean;
}

/** Options of {@link metav1ConditionListSchema}. */
export interface ConditionListSchemaOptions extends ConditionSchemaOptions {
  /**
   * Declare the list as a map keyed by `type` with at most 32 entries, as Cluster API's v1beta2 CRDs do.
   * Default `true`; `false` gives a plain array.
   */
  keyedByType?: boolean;
}

/** Options of {@link v1beta1ConditionSchema} and {@link v1beta1ConditionListSchema}. */
export interface V1Beta1ConditionSchemaOptions extends ConditionSchemaOptions {
  /**
   * Apply the length bounds Cluster API v1.11+ puts on deprecated v1beta1 conditions (`type` and `reason` 1–256,
   * `severity` ≤ 32, `message` 1–10240). Default `false`: unbounded, as providers built on older Cluster API declare
   * them.
   */
  bounded?: boolean;
}

const CONDITION_TYPE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;
const CONDITION_REASON = /^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/;

/** `describe` when annotations are wanted, else the schema unchanged. */
function describer(annotated: boolean) {
  return <T extends z.ZodType>(schema: T, description: string): T =>
    annotated ? (schema.describe(description) as T) : schema;
}

/** A `metav1.Condition` (the v1beta2 contract's conditions) with the constraints of its CRD schema. */
export function metav1ConditionSchema(options: ConditionSchemaOptions = {}) {
  const annotated = options.annotated ?? true;
  const doc = describer(annotated);
  const generation = z.int().min(0);
  return doc(
    z.object({
      type: doc(z.string().max(316).regex(CONDITION_TYPE), 'Type of condition in CamelCase.'),
      status: doc(z.enum(['True', 'False', 'Unknown']), 'Status of the condition.'),
      observedGeneration: doc(
        annotated ? generation.meta({ format: 'int64' }) : generation,
        'Generation the condition was set for.',
      ).optional(),
      lastTransitionTime: doc(z.iso.datetime({ offset: true }), 'When the status last changed.'),
      reason: doc(z.string().min(1).max(1024).regex(CONDITION_REASON), 'Machine-readable reason, in CamelCase.'),
      message: doc(z.string().max(32768), 'Human-readable detail; may be empty.'),
    }),
    'A metav1.Condition.',
  );
}

/** A list of `metav1.Condition`s, by default keyed by `type` with at most 32 entries (see the options). */
export function metav1ConditionListSchema(options: ConditionListSchemaOptions = {}) {
  const list = z.array(metav1ConditionSchema(options));
  return (options.keyedByType ?? true) ? listType(list.max(32), 'map', ['type']) : list;
}

/** A Cluster API v1beta1 condition (with `severity`), as v1beta1 providers store them in `status.conditions`. */
export function v1beta1ConditionSchema(options: V1Beta1ConditionSchemaOptions = {}) {
  const doc = describer(options.annotated ?? true);
  const bounded = options.bounded ?? false;
  const text = (min: number, max: number) => (bounded ? z.string().min(min).max(max) : z.string());
  return doc(
    z.object({
      type: doc(text(1, 256), 'Type of condition in CamelCase.'),
      status: doc(z.string(), 'Status of the condition: True, False or Unknown.'),
      severity: doc(
        bounded ? z.string().max(32) : z.string(),
        'Severity of a False condition: Error, Warning or Info.',
      ).optional(),
      lastTransitionTime: doc(z.iso.datetime({ offset: true }), 'When the status last changed.'),
      reason: doc(text(1, 256), 'Machine-readable reason of the last change, in CamelCase.').optional(),
      message: doc(text(1, 10240), 'Human-readable detail of the last change.').optional(),
    }),
    'A Cluster API v1beta1 condition.',
  );
}

/** A list of Cluster API v1beta1 conditions (a plain array, as Cluster API declares it). */
export function v1beta1ConditionListSchema(options: V1Beta1ConditionSchemaOptions = {}) {
  return z.array(v1beta1ConditionSchema(options));
}
