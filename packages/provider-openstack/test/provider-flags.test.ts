import { FlagError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { splitProviderFlags } from '../src/provider-flags.js';

const noFile = (path: string): string => {
  throw new Error(`ENOENT: ${path}`);
};

describe('splitProviderFlags', () => {
  it("takes CAPO's flags out and leaves the standard ones", () => {
    const { provider, rest } = splitProviderFlags(
      [
        '--leader-elect',
        '--openstackcluster-concurrency=3',
        '--openstackmachine-concurrency',
        '7',
        '-scope-cache-max-size=0',
        '--watch-filter=x',
      ],
      noFile,
    );
    expect(provider).toEqual({
      clusterConcurrency: 3,
      machineConcurrency: 7,
      scopeCacheMaxSize: 0,
      caCerts: undefined,
      flagsWithoutEffect: [],
    });
    expect(rest).toEqual(['--leader-elect', '--watch-filter=x']);
  });

  it('defaults: concurrency from --concurrency, a session cache of 10, no CA bundle', () => {
    expect(splitProviderFlags([], noFile).provider).toEqual({
      clusterConcurrency: undefined,
      machineConcurrency: undefined,
      scopeCacheMaxSize: 10,
      caCerts: undefined,
      flagsWithoutEffect: [],
    });
  });

  it('reads --ca-certs at start-up; an unreadable file or a bad number is a flag error', () => {
    const read = (path: string) => `PEM of ${path}`;
    expect(splitProviderFlags(['--ca-certs=/etc/ca.pem'], read).provider.caCerts).toBe('PEM of /etc/ca.pem');
    expect(splitProviderFlags(['--ca-certs=""'], noFile).provider.caCerts).toBeUndefined();
    expect(() => splitProviderFlags(['--ca-certs', '/missing'], noFile)).toThrow(/--ca-certs \/missing/);
    expect(() => splitProviderFlags(['--openstackcluster-concurrency=0'], noFile)).toThrow(FlagError);
    expect(() => splitProviderFlags(['--scope-cache-max-size=-1'], noFile)).toThrow(FlagError);
    expect(() => splitProviderFlags(['--openstackmachine-concurrency'], noFile)).toThrow(FlagError);
  });

  it("takes CAPO's flags without effect out and reports them with their value; empty values are not reported", () => {
    const { provider, rest } = splitProviderFlags(
      ['--lb-provider=ovn', '--openstackmachinetemplate-concurrency', '5', '--sync-period=5m'],
      noFile,
    );
    expect(provider.flagsWithoutEffect.map(({ flag, value }) => [flag, value])).toEqual([
      ['--lb-provider', 'ovn'],
      ['--openstackmachinetemplate-concurrency', '5'],
    ]);
    expect(rest).toEqual(['--sync-period=5m']);
    expect(splitProviderFlags(['--lb-provider=""'], noFile).provider.flagsWithoutEffect).toEqual([]);
    expect(() => splitProviderFlags(['--openstackmachinetemplate-concurrency=x'], noFile)).toThrow(FlagError);
  });
});
