import { FlagError, takeProviderFlags } from '@capi-ts/sdk';
import { type FeatureGates, parseFeatureGates } from './controllers/kamajicontrolplane/features.js';

/** The upstream provider's own flags, on top of the standard manager flags. */
export interface ProviderFlags {
  /** `--feature-gates=Name=true,...` */
  features: FeatureGates;
  /** `--dynamic-infrastructure-clusters=KindA,KindB` */
  dynamicInfrastructureClusters: string[];
  /** `--max-concurrent-reconciles` (upstream's name for the concurrency; wins over `--concurrency`). */
  maxConcurrentReconciles: number | undefined;
}

const PROVIDER_FLAGS = new Set(['feature-gates', 'dynamic-infrastructure-clusters', 'max-concurrent-reconciles']);

/**
 * Takes the provider's flags out of the command line (Go syntax: `--name=value` or `--name value`, one or two
 * dashes) and returns them with the remaining arguments, for the SDK's standard flag parser.
 */
export function splitProviderFlags(argv: readonly string[]): { provider: ProviderFlags; rest: string[] } {
  const { values, rest } = takeProviderFlags(argv, { values: PROVIDER_FLAGS });
  const concurrency = values.get('max-concurrent-reconciles');
  if (concurrency !== undefined && !/^[1-9]\d*$/.test(concurrency)) {
    throw new FlagError(`invalid value "${concurrency}" for flag --max-concurrent-reconciles: a positive integer`);
  }
  let features: FeatureGates;
  try {
    features = parseFeatureGates(values.get('feature-gates'));
  } catch (err) {
    throw new FlagError(`invalid value for flag --feature-gates: ${(err as Error).message}`);
  }
  const dynamicInfrastructureClusters = (values.get('dynamic-infrastructure-clusters') ?? '')
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  if (dynamicInfrastructureClusters.length > 0 && !features.DynamicInfrastructureClusterPatch) {
    throw new FlagError(
      '--dynamic-infrastructure-clusters needs the feature gate DynamicInfrastructureClusterPatch=true',
    );
  }
  return {
    provider: {
      features,
      dynamicInfrastructureClusters,
      maxConcurrentReconciles: concurrency === undefined ? undefined : Number(concurrency),
    },
    rest,
  };
}
