import { FlagError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { splitProviderFlags } from '../src/provider-flags.js';

describe('provider flags', () => {
  it("has CABPK's defaults", () => {
    const { provider, rest } = splitProviderFlags(['--leader-elect', '--v=2']);
    expect(rest).toEqual(['--leader-elect', '--v=2']);
    expect(provider).toEqual({
      features: { MachinePool: true, KubeadmBootstrapFormatIgnition: false },
      settings: { tokenTtlSeconds: 900, gzipCloudConfig: false, dataSizeLimitBytes: 16384, machinePools: true },
    });
  });

  it("reads upstream's flags and ours, ignoring gates of other Cluster API components", () => {
    const { provider, rest } = splitProviderFlags([
      '--feature-gates=MachinePool=false,KubeadmBootstrapFormatIgnition=true,ClusterTopology=true',
      '--bootstrap-token-ttl',
      '1h30m',
      '--bootstrap-data-gzip',
      '--bootstrap-data-size-limit=0',
      '--concurrency=3',
    ]);
    expect(rest).toEqual(['--concurrency=3']);
    expect(provider.features).toEqual({ MachinePool: false, KubeadmBootstrapFormatIgnition: true });
    expect(provider.settings).toEqual({
      tokenTtlSeconds: 5400,
      gzipCloudConfig: true,
      dataSizeLimitBytes: 0,
      machinePools: false,
    });
  });

  it.each([
    [['--bootstrap-token-ttl=soon'], 'invalid value "soon" for flag --bootstrap-token-ttl'],
    [['--bootstrap-token-ttl=0s'], 'invalid value "0s" for flag --bootstrap-token-ttl'],
    [['--feature-gates=MachinePool'], 'invalid value for flag --feature-gates: "MachinePool" is not Name=true'],
    [['--bootstrap-data-gzip=yes'], 'invalid value "yes" for flag --bootstrap-data-gzip'],
    [['--bootstrap-data-size-limit=-1'], 'invalid value "-1" for flag --bootstrap-data-size-limit'],
    [['--bootstrap-token-ttl'], 'flag needs an argument: --bootstrap-token-ttl'],
  ])('refuses %j', (argv, message) => {
    expect(() => splitProviderFlags(argv)).toThrow(FlagError);
    expect(() => splitProviderFlags(argv)).toThrow(message);
  });
});
