import type { OpenStackClusterIdentity } from '../../api/v1alpha1/openstack-cluster-identity.js';

type LabelSelector = NonNullable<OpenStackClusterIdentity['spec']['namespaceSelector']>;
type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

function requirementHolds(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/**
 * Whether objects in a namespace with these labels may use an OpenStackClusterIdentity: always without a
 * `namespaceSelector` (and with an empty one), else when the labels satisfy every `matchLabels` entry and every
 * `matchExpressions` requirement (an unknown operator never matches).
 */
export function identityAllowsNamespace(
  identity: Pick<OpenStackClusterIdentity, 'spec'>,
  namespaceLabels: Readonly<Record<string, string>>,
): boolean {
  const selector = identity.spec.namespaceSelector;
  if (!selector) return true;
  const labelsMatch = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => namespaceLabels[key] === value,
  );
  return labelsMatch && (selector.matchExpressions ?? []).every((r) => requirementHolds(r, namespaceLabels));
}
