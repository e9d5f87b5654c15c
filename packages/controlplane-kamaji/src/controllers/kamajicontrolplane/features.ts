/** The provider's feature gates, all alpha and off by default, as upstream's `--feature-gates`. */
export interface FeatureGates {
  ExternalClusterReference: boolean;
  ExternalClusterReferenceCrossNamespace: boolean;
  SkipInfraClusterPatch: boolean;
  DynamicInfrastructureClusterPatch: boolean;
}

const NAMES: (keyof FeatureGates)[] = [
  'ExternalClusterReference',
  'ExternalClusterReferenceCrossNamespace',
  'SkipInfraClusterPatch',
  'DynamicInfrastructureClusterPatch',
];

/** Every gate off. */
export const DEFAULT_FEATURE_GATES: Readonly<FeatureGates> = Object.freeze({
  ExternalClusterReference: false,
  ExternalClusterReferenceCrossNamespace: false,
  SkipInfraClusterPatch: false,
  DynamicInfrastructureClusterPatch: false,
});

/** Parses `Name=true,Other=false` (the `--feature-gates` syntax); throws on unknown gates and bad values. */
export function parseFeatureGates(text: string | undefined): FeatureGates {
  const gates: FeatureGates = { ...DEFAULT_FEATURE_GATES };
  for (const entry of (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [name, value] = entry.split('=').map((part) => part.trim());
    if (!NAMES.includes(name as keyof FeatureGates)) {
      throw new Error(`unknown feature gate ${name}; known gates: ${NAMES.join(', ')}`);
    }
    if (value !== 'true' && value !== 'false')
      throw new Error(`feature gate ${name} must be true or false, not ${value}`);
    gates[name as keyof FeatureGates] = value === 'true';
  }
  return gates;
}
