/** A Kubernetes version `vMAJOR.MINOR.PATCH[-suffix]`. */
interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

function parse(version: string): ParsedVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

function compare(a: ParsedVersion, b: ParsedVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * Why Kamaji's admission webhook would refuse moving a TenantControlPlane from `current` to `desired`, or
 * `undefined` when it would not: Kamaji rejects downgrades and upgrades that skip a minor version. Checking first
 * turns the refusal into a condition the user can read instead of a write retried for ever.
 */
export function refusedVersionChange(current: string | undefined, desired: string): string | undefined {
  if (!current) return undefined;
  const from = parse(current);
  const to = parse(desired);
  if (!to) return `spec.version ${desired} is not a Kubernetes version (vMAJOR.MINOR.PATCH)`;
  if (!from) return undefined;
  if (compare(to, from) < 0) return `downgrading the control plane from ${current} to ${desired} is not supported`;
  if (to.major !== from.major || to.minor > from.minor + 1) {
    return `upgrading the control plane from ${current} to ${desired} skips a minor version; upgrade one minor version at a time`;
  }
  return undefined;
}
