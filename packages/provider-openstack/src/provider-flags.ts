import { readFileSync } from 'node:fs';
import { FlagError, type FlagWithoutEffect, type ProviderFlagNames, takeProviderFlags } from '@capi-ts/sdk';

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
  /** CAPO's flags given that change nothing here (`--lb-provider`, ...); the manager logs each once at start. */
  flagsWithoutEffect: FlagWithoutEffect[];
}

const INT_FLAGS = ['openstackcluster-concurrency', 'openstackmachine-concurrency', 'scope-cache-max-size'];

/**
 * CAPO's flags that are accepted, so that the arguments of CAPO's Deployment start this manager, but have no
 * effect here, with the reason.
 */
const WITHOUT_EFFECT: Readonly<Record<string, string>> = {
  'lb-provider':
    "CAPO declares it but its reconcilers never read it: the load balancer's provider is the OpenStackCluster's " +
    "spec.apiServerLoadBalancer.provider, else Octavia's default",
  'openstackmachinetemplate-concurrency':
    'no OpenStackMachineTemplate controller runs here: it fills status.capacity for the AutoScaleFromZero feature ' +
    'gate, which is not implemented',
};

/** CAPO's own flags (those the SDK's standard parser does not know), for {@link splitProviderFlags} and `--help`. */
export const PROVIDER_FLAG_NAMES: ProviderFlagNames = {
  values: [...INT_FLAGS, 'ca-certs', ...Object.keys(WITHOUT_EFFECT)],
};

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
  const { values, rest } = takeProviderFlags(argv, PROVIDER_FLAG_NAMES);
  const caCertsPath = values.get('ca-certs') || undefined;
  let caCerts: string | undefined;
  if (caCertsPath !== undefined) {
    try {
      caCerts = readFile(caCertsPath);
    } catch (error) {
      throw new FlagError(`cannot read --ca-certs ${caCertsPath}: ${(error as Error).message}`);
    }
  }
  integer('openstackmachinetemplate-concurrency', values.get('openstackmachinetemplate-concurrency'), 1);
  const flagsWithoutEffect = Object.entries(WITHOUT_EFFECT).flatMap(([name, reason]) => {
    const value = values.get(name);
    return value ? [{ flag: `--${name}`, value, reason }] : [];
  });
  return {
    provider: {
      clusterConcurrency: integer('openstackcluster-concurrency', values.get('openstackcluster-concurrency'), 1),
      machineConcurrency: integer('openstackmachine-concurrency', values.get('openstackmachine-concurrency'), 1),
      scopeCacheMaxSize: integer('scope-cache-max-size', values.get('scope-cache-max-size'), 0) ?? 10,
      caCerts,
      flagsWithoutEffect,
    },
    rest,
  };
}
