import { readFileSync } from 'node:fs';
import { FlagError, takeProviderFlags } from '@capi-ts/sdk';

/** CAPO's own manager flags, on top of the SDK's standard ones. */
export interface ProviderFlags {
  /** `--openstackcluster-concurrency`: OpenStackClusters reconciled at once; default `--concurrency`. */
  clusterConcurrency: number | undefined;
  /** `--openstackmachine-concurrency`: OpenStackMachines (and OpenStackServers) at once; default `--concurrency`. */
  machineConcurrency: number | undefined;
  /** `--scope-cache-max-size`: OpenStack sessions kept (one per distinct cloud); 0 turns the cache off. Default 10. */
  scopeCacheMaxSize: number;
  /** The PEM bundle of `--ca-certs`, trusted for clouds whose Secret has no `cacert` key. */
  caCerts: string | undefined;
}

const INT_FLAGS = ['openstackcluster-concurrency', 'openstackmachine-concurrency', 'scope-cache-max-size'];

function integer(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < minimum) {
    throw new FlagError(`invalid value "${value}" for flag --${name}: an integer ≥ ${minimum}`);
  }
  return Number(value);
}

/**
 * Takes CAPO's own flags out of the command line (Go syntax: `--name=value` or `--name value`, one or two dashes)
 * and returns them with the remaining arguments for the SDK's standard parser. `--ca-certs` is read here, so that a
 * missing file fails at start-up as CAPO's does. Bad values throw a {@link FlagError} naming the flag.
 */
export function splitProviderFlags(
  argv: readonly string[],
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { provider: ProviderFlags; rest: string[] } {
  const { values, rest } = takeProviderFlags(argv, { values: [...INT_FLAGS, 'ca-certs'] });
  const caCertsPath = values.get('ca-certs') || undefined;
  let caCerts: string | undefined;
  if (caCertsPath !== undefined) {
    try {
      caCerts = readFile(caCertsPath);
    } catch (error) {
      throw new FlagError(`cannot read --ca-certs ${caCertsPath}: ${(error as Error).message}`);
    }
  }
  return {
    provider: {
      clusterConcurrency: integer('openstackcluster-concurrency', values.get('openstackcluster-concurrency'), 1),
      machineConcurrency: integer('openstackmachine-concurrency', values.get('openstackmachine-concurrency'), 1),
      scopeCacheMaxSize: integer('scope-cache-max-size', values.get('scope-cache-max-size'), 0) ?? 10,
      caCerts,
    },
    rest,
  };
}
