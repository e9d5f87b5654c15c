export { ConditionConflictError } from './condition-changes.js';
export {
  createPatchHelper,
  type PatchChangesOptions,
  type PatchChangesResult,
  PatchHelper,
  type PatchHelperOptions,
} from './patch-helper.js';
