import { type FieldError, FieldPath, field } from '@capi-ts/sdk';
import type { ManagedSecurityGroups } from '../api/v1beta1/security-group-rules.js';

const ALL_NODES_RULES = FieldPath.of('spec', 'managedSecurityGroups', 'allNodesSecurityGroupRules');

/**
 * A rule names its remote side one way only: `remoteManagedGroups`, `remoteGroupID` or `remoteIPPrefix`. CAPO
 * v0.14 checks this on create, for `allNodesSecurityGroupRules` only, with one error per conflicting field.
 */
export function allNodesRuleRemoteErrors(groups: ManagedSecurityGroups | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const rule of groups?.allNodesSecurityGroupRules ?? []) {
    const managed = rule.remoteManagedGroups !== undefined;
    const groupID = rule.remoteGroupID !== undefined;
    const ipPrefix = rule.remoteIPPrefix !== undefined;
    if (managed && (groupID || ipPrefix)) {
      errors.push(
        field.forbidden(ALL_NODES_RULES, 'remoteManagedGroups cannot be used with remoteGroupID or remoteIPPrefix'),
      );
    }
    if (groupID && (managed || ipPrefix)) {
      errors.push(
        field.forbidden(ALL_NODES_RULES, 'remoteGroupID cannot be used with remoteManagedGroups or remoteIPPrefix'),
      );
    }
    if (ipPrefix && (managed || groupID)) {
      errors.push(
        field.forbidden(ALL_NODES_RULES, 'remoteIPPrefix cannot be used with remoteManagedGroups or remoteGroupID'),
      );
    }
  }
  return errors;
}
