/** `vMAJOR.MINOR` of a `v`-prefixed version; MicroK8s tracks a snap channel per minor, so patches are not upgrades. */
export function minorVersion(version: string): string {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`"${version}" is not a Kubernetes version (vMAJOR.MINOR.PATCH)`);
  return `v${match[1]}.${match[2]}`;
}

/** Whether two versions are on the same minor (and so on the same MicroK8s snap track). */
export function sameMinor(a: string, b: string): boolean {
  return minorVersion(a) === minorVersion(b);
}

/**
 * The snap channel of a version, the way CABPM installs it: `<major>.<minor>[-strict]/<risk>`. In-place upgrades
 * use the same channel as installation, so a `candidate` cluster stays on `candidate` (CACPM hard-codes `stable`).
 */
export function snapChannel(version: string, riskLevel = 'stable', confinement?: string): string {
  const track = minorVersion(version).slice(1);
  return `${track}${confinement === 'strict' ? '-strict' : ''}/${riskLevel}`;
}

/** Orders `v`-prefixed versions by major, minor and patch. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^v?(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
