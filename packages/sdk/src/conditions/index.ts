export { type AggregateInput, type AggregateOptions, type AggregateResult, aggregateCondition } from './aggregate.js';
export {
  type BothFormsOptions,
  deleteConditionInBothForms,
  setConditionInBothForms,
  toV1Beta1Condition,
} from './both-forms.js';
export {
  getCondition,
  getConditions,
  hasCondition,
  isConditionFalse,
  isConditionTrue,
  isConditionUnknown,
} from './getters.js';
export { type ConditionLayout, ConditionLayouts } from './layout.js';
export {
  type DefaultMergeStrategyOptions,
  defaultMergePriority,
  defaultMergeStrategy,
  groupReason,
  indentIfMultiline,
  type MergeInput,
  MergePriority,
  type MergeResult,
  type MergeStrategy,
} from './merge-strategy.js';
export { type MirrorOptions, mirrorCondition, setMirrorCondition } from './mirror.js';
export { InvalidConditionError, readCondition, readConditions } from './read-conditions.js';
export {
  type ConditionListSchemaOptions,
  type ConditionSchemaOptions,
  metav1ConditionListSchema,
  metav1ConditionSchema,
  type V1Beta1ConditionSchemaOptions,
  v1beta1ConditionListSchema,
  v1beta1ConditionSchema,
} from './schemas.js';
export { deleteCondition, type SetConditionOptions, setCondition } from './setters.js';
export { compareConditions, compareV1Beta1Conditions } from './sort.js';
export { type SummaryOptions, setSummaryCondition, summaryCondition } from './summary.js';
export { conditionTime } from './time.js';
export {
  type Condition,
  ConditionReason,
  type ConditionSeverity,
  type ConditionStatus,
  ConditionType,
  type NewCondition,
  type V1Beta1Condition,
} from './types.js';
export {
  deleteV1Beta1Condition,
  getV1Beta1Condition,
  getV1Beta1Conditions,
  type NewV1Beta1Condition,
  setV1Beta1Condition,
} from './v1beta1.js';
