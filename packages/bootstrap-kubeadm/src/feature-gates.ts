/** CABPK's feature gates that change this provider's behaviour (`--feature-gates`). */
export interface FeatureGates {
  /** MachinePools are bootstrapped (default on, as upstream). */
  MachinePool: boolean;
  /** `format: ignition` and `spec.ignition` are allowed (default off, as upstream). */
  KubeadmBootstrapFormatIgnition: boolean;
}

/** Upstream's defaults. */
export const DEFAULT_FEATURE_GATES: Readonly<FeatureGates> = Object.freeze({
  MachinePool: true,
  KubeadmBootstrapFormatIgnition: false,
});

/**
 * Parses `Name=true,Other=false` (the `--feature-gates` syntax). Gates of Cluster API that do not concern the
 * bootstrap provider (e.g. `ClusterTopology`) are accepted and ignored, so upstream's manifests keep working;
 * a malformed entry or value throws.
 */
export function parseFeatureGates(text: string | undefined): FeatureGates {
  const gates: FeatureGates = { ...DEFAULT_FEATURE_GATES };
  for (const entry of (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9]+)=(true|false)$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not Name=true or Name=false`);
    const name = match[1] as string;
    if (name in gates) gates[name as keyof FeatureGates] = match[2] === 'true';
  }
  return gates;
}
