import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProviderId, isValidProviderId, parseProviderId, providerIdsEqual } from '../../src/capi/index.js';

describe('provider IDs (Cluster API noderefutil)', () => {
  it.each([
    ['aws://instance-id', 'aws', 'instance-id'],
    ['aws:////instance-id', 'aws', 'instance-id'],
    ['aws:///zone/instance-id', 'aws', 'instance-id'],
    ['aws://bar/baz/instance-id', 'aws', 'instance-id'],
    ['openstack:///4a1c9f8e-5b7e-4f51-a8a0-3d3f1f6f3b1a', 'openstack', '4a1c9f8e-5b7e-4f51-a8a0-3d3f1f6f3b1a'],
  ])('parses %s', (value, cloudProvider, id) => {
    expect(parseProviderId(value)).toEqual({ value, cloudProvider, id });
    expect(isValidProviderId(value)).toBe(true);
  });

  it('accepts an ID without the <provider>:// form, with an empty provider and id', () => {
    expect(parseProviderId('aDifferentlyFormulatedProviderID')).toEqual({
      value: 'aDifferentlyFormulatedProviderID',
      cloudProvider: '',
      id: '',
    });
    expect(isValidProviderId('aDifferentlyFormulatedProviderID')).toBe(false);
  });

  it('rejects an empty ID', () => {
    expect(() => parseProviderId('')).toThrow('providerID is empty');
  });

  it.each(['aws://', 'aws://id/', '://id', 'aws:/id'])('does not consider %s valid', (value) => {
    expect(isValidProviderId(value)).toBe(false);
  });

  it('compares whole strings: the same last segment in different scale sets is a different machine', () => {
    const prefix = 'azure:///subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachineScaleSets';
    const a = `${prefix}/k8s-pool1-vmss/virtualMachines/0`;
    const b = `${prefix}/k8s-pool2-vmss/virtualMachines/0`;
    expect(parseProviderId(a).id).toBe(parseProviderId(b).id);
    expect(providerIdsEqual(a, b)).toBe(false);
    expect(providerIdsEqual(a, `${a}`)).toBe(true);
    expect(providerIdsEqual('aws:////instance-id1', 'aws:///us-west-1/instance-id1')).toBe(false);
  });

  it('formats IDs that parse back to their parts', () => {
    expect(formatProviderId('openstack', '', 'abc')).toBe('openstack:///abc');
    expect(formatProviderId('incus', 'host', 'c1')).toBe('incus://host/c1');
    expect(() => formatProviderId('incus', 'host', '')).toThrow(/not a valid providerID/);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
        fc.array(fc.stringMatching(/^[a-z0-9-]{0,12}$/), { maxLength: 3 }),
        fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/),
        (provider, segments, id) => {
          const parsed = parseProviderId(formatProviderId(provider, ...segments, id));
          expect(parsed.cloudProvider).toBe(provider);
          expect(parsed.id).toBe(id);
        },
      ),
    );
  });
});
