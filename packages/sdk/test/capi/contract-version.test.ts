import { describe, expect, it } from 'vitest';
import {
  compareKubeAwareVersions,
  compatibleContracts,
  contractLabel,
  latestContractAndApiVersion,
} from '../../src/capi/index.js';

describe('compareKubeAwareVersions (apimachinery CompareKubeAwareVersionStrings)', () => {
  it.each([
    ['v1', 'v2', false],
    ['v2', 'v1', true],
    ['v10', 'v2', true],
    ['v1', 'v2alpha1', true],
    ['v1', 'v2beta1', true],
    ['v1alpha2', 'v1alpha1', true],
    ['v1beta1', 'v2alpha3', true],
    ['v1alpha10', 'v1alpha2', true],
    ['v1beta10', 'v1beta2', true],
    ['foo', 'v1beta2', false],
    ['bar', 'foo', true],
    ['version1', 'version2', true],
    ['version1', 'version10', true],
  ])('%s > %s is %s', (a, b, greater) => {
    expect(compareKubeAwareVersions(a, b) > 0).toBe(greater);
  });

  it('sorts v2, v1, v1beta2, v1beta1, v1alpha1 from newest', () => {
    const sorted = ['v1beta1', 'v1alpha1', 'v2', 'v1beta2', 'v1'].sort(compareKubeAwareVersions).reverse();
    expect(sorted).toEqual(['v2', 'v1', 'v1beta2', 'v1beta1', 'v1alpha1']);
  });
});

describe('latestContractAndApiVersion (internal/contract GetLatestContractAndAPIVersionFromContract)', () => {
  it('knows v1beta2 is compatible with v1beta1', () => {
    expect(compatibleContracts()).toEqual(['v1beta2', 'v1beta1']);
    expect(compatibleContracts('v1beta1')).toEqual(['v1beta1']);
    expect(contractLabel('v1beta2')).toBe('cluster.x-k8s.io/v1beta2');
  });

  it.each([
    ['v1beta1', { 'cluster.x-k8s.io/v1beta1': 'v1alpha1_v1alpha2' }, 'v1beta1', 'v1alpha2'],
    [
      'v1beta1',
      { 'cluster.x-k8s.io/v1beta1': 'v1alpha1_v1alpha2', 'cluster.x-k8s.io/v1beta2': 'v1alpha3_v1alpha4' },
      'v1beta1',
      'v1alpha2',
    ],
    ['v1beta2', { 'cluster.x-k8s.io/v1beta2': 'v1alpha3_v1alpha4' }, 'v1beta2', 'v1alpha4'],
    ['v1beta2', { 'cluster.x-k8s.io/v1beta1': 'v1alpha1_v1alpha2' }, 'v1beta1', 'v1alpha2'],
    [
      'v1beta2',
      { 'cluster.x-k8s.io/v1beta1': 'v1alpha1_v1alpha2', 'cluster.x-k8s.io/v1beta2': 'v1alpha3_v1alpha4' },
      'v1beta2',
      'v1alpha4',
    ],
    ['v1beta2', { 'cluster.x-k8s.io/v1beta2': 'v1beta1_v1alpha2_v1' }, 'v1beta2', 'v1'],
  ])('current %s, labels %j → %s, %s', (current, labels, contract, apiVersion) => {
    expect(latestContractAndApiVersion(labels, current)).toEqual({ contract, apiVersion });
  });

  it.each([
    ['v1beta1', undefined],
    ['v1beta1', { 'cluster.x-k8s.io/v1beta2': 'v1alpha1_v1alpha2' }],
    ['v1beta2', { 'cluster.x-k8s.io/v1beta2': '' }],
  ])('fails for current %s and labels %j', (current, labels) => {
    expect(() => latestContractAndApiVersion(labels, current, 'things.x.io')).toThrow(
      /for CRD things\.x\.io as contract version label\(s\) are either missing or empty/,
    );
  });
});
