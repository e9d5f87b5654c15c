import { FlagError, takeProviderFlags } from '@capi-ts/sdk';
import { parseGoDurationSeconds } from './api/conversion/index.js';
import { DEFAULT_SETTINGS, type KubeadmConfigSettings } from './controllers/kubeadmconfig/index.js';
import { type FeatureGates, parseFeatureGates } from './feature-gates.js';

/** The provider's own flags, on top of the SDK's standard manager flags. */
export interface ProviderFlags {
  /** `--feature-gates=MachinePool=true,KubeadmBootstrapFormatIgnition=false`. */
  features: FeatureGates;
  /** `--bootstrap-token-ttl` (Go duration, default `15m`), `--bootstrap-data-gzip`, `--bootstrap-data-size-limit`. */
  settings: Omit<KubeadmConfigSettings, 'fieldManager'>;
}

const VALUE_FLAGS = new Set(['feature-gates', 'bootstrap-token-ttl', 'bootstrap-data-size-limit']);
const BOOL_FLAGS = new Set(['bootstrap-data-gzip']);

/**
 * Takes the provider's flags out of the command line and returns them with the remaining arguments, for the
 * SDK's standard flag parser. Bad values throw a {@link FlagError} naming the flag.
 */
export function splitProviderFlags(argv: readonly string[]): { provider: ProviderFlags; rest: string[] } {
  const { values, rest } = takeProviderFlags(argv, { values: VALUE_FLAGS, booleans: BOOL_FLAGS });
  let features: FeatureGates;
  try {
    features = parseFeatureGates(values.get('feature-gates'));
  } catch (err) {
    throw new FlagError(`invalid value for flag --feature-gates: ${(err as Error).message}`);
  }
  let tokenTtlSeconds = DEFAULT_SETTINGS.tokenTtlSeconds;
  const ttl = values.get('bootstrap-token-ttl');
  if (ttl !== undefined) {
    try {
      tokenTtlSeconds = parseGoDurationSeconds(ttl);
    } catch {
      tokenTtlSeconds = 0;
    }
    if (tokenTtlSeconds <= 0) {
      throw new FlagError(`invalid value "${ttl}" for flag --bootstrap-token-ttl: a positive Go duration, e.g. 15m`);
    }
  }
  const gzip = values.get('bootstrap-data-gzip') ?? 'false';
  if (gzip !== 'true' && gzip !== 'false') {
    throw new FlagError(`invalid value "${gzip}" for flag --bootstrap-data-gzip: true or false`);
  }
  const limit = values.get('bootstrap-data-size-limit') ?? String(DEFAULT_SETTINGS.dataSizeLimitBytes);
  if (!/^\d+$/.test(limit)) {
    throw new FlagError(`invalid value "${limit}" for flag --bootstrap-data-size-limit: bytes, 0 turns it off`);
  }
  return {
    provider: {
      features,
      settings: {
        tokenTtlSeconds,
        gzipCloudConfig: gzip === 'true',
        dataSizeLimitBytes: Number(limit),
        machinePools: features.MachinePool,
      },
    },
    rest,
  };
}
