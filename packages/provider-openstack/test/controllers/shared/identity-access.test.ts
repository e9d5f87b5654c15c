import { describe, expect, it } from 'vitest';
import type { OpenStackClusterIdentity } from '../../../src/api/v1alpha1/openstack-cluster-identity.js';
import { identityAllowsNamespace } from '../../../src/controllers/shared/identity-access.js';

const identity = (namespaceSelector?: OpenStackClusterIdentity['spec']['namespaceSelector']) =>
  ({
    spec: { secretRef: { name: 's', namespace: 'capo-system' }, ...(namespaceSelector ? { namespaceSelector } : {}) },
  }) as Pick<OpenStackClusterIdentity, 'spec'>;
const team = { 'team.example.com/name': 'a', env: 'prod' };

describe('OpenStackClusterIdentity namespace selector', () => {
  it.each([
    ['no selector allows every namespace', undefined, {}, true],
    ['an empty selector allows every namespace', {}, {}, true],
    ['matchLabels must all match', { matchLabels: { env: 'prod' } }, team, true],
    ['a differing label is refused', { matchLabels: { env: 'dev' } }, team, false],
    ['In', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }, team, true],
    ['In without the label', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }, team, false],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, team, false],
    ['NotIn without the label', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, team, true],
    ['Exists', { matchExpressions: [{ key: 'team.example.com/name', operator: 'Exists' }] }, team, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, team, false],
    ['an unknown operator', { matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] }, team, false],
    [
      'labels and expressions together',
      {
        matchLabels: { env: 'prod' },
        matchExpressions: [{ key: 'team.example.com/name', operator: 'In', values: ['b'] }],
      },
      team,
      false,
    ],
  ])('%s', (_name, selector, labels, allowed) => {
    expect(identityAllowsNamespace(identity(selector), labels)).toBe(allowed);
  });
});
