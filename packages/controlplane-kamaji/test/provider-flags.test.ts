import { FlagError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { splitProviderFlags } from '../src/provider-flags.js';

describe('splitProviderFlags', () => {
  it('takes the provider flags out and leaves the standard ones', () => {
    const { provider, rest } = splitProviderFlags([
      '--leader-elect',
      '--feature-gates=DynamicInfrastructureClusterPatch=true,SkipInfraClusterPatch=false',
      '--dynamic-infrastructure-clusters',
      'OscCluster, VCDCluster',
      '-max-concurrent-reconciles=3',
      '--metrics-bind-address=:8080',
    ]);
    expect(rest).toEqual(['--leader-elect', '--metrics-bind-address=:8080']);
    expect(provider.features.DynamicInfrastructureClusterPatch).toBe(true);
    expect(provider.features.SkipInfraClusterPatch).toBe(false);
    expect(provider.dynamicInfrastructureClusters).toEqual(['OscCluster', 'VCDCluster']);
    expect(provider.maxConcurrentReconciles).toBe(3);
  });

  it('reads the quoted empty default of the components YAML as no kinds', () => {
    expect(splitProviderFlags(['--dynamic-infrastructure-clusters=""']).provider.dynamicInfrastructureClusters).toEqual(
      [],
    );
  });

  it('rejects dynamic clusters without their gate, unknown gates and bad numbers', () => {
    expect(() => splitProviderFlags(['--dynamic-infrastructure-clusters=OscCluster'])).toThrow(FlagError);
    expect(() => splitProviderFlags(['--feature-gates=NoSuchGate=true'])).toThrow(/unknown feature gate NoSuchGate/);
    expect(() => splitProviderFlags(['--feature-gates=SkipInfraClusterPatch=yes'])).toThrow(/true or false/);
    expect(() => splitProviderFlags(['--max-concurrent-reconciles=0'])).toThrow(/positive integer/);
    expect(() => splitProviderFlags(['--feature-gates'])).toThrow(/needs an argument/);
  });
});
