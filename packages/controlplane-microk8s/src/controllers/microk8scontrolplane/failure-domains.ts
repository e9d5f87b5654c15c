import type { FailureDomain, Machine } from '@capi-ts/sdk';

/** Names of the failure domains control-plane Machines may use, sorted for deterministic choices. */
export function controlPlaneFailureDomains(domains: readonly FailureDomain[]): string[] {
  return domains
    .filter((domain) => domain.controlPlane === true)
    .map((domain) => domain.name)
    .sort();
}

/** How many of `machines` are in each of `names` (Machines elsewhere are not counted). */
function countPerDomain(names: readonly string[], machines: readonly Machine[]): Map<string, number> {
  const counts = new Map(names.map((name) => [name, 0]));
  for (const machine of machines) {
    const name = machine.spec.failureDomain;
    if (name !== undefined && counts.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/**
 * The failure domain of the next control-plane Machine: the one with the fewest of `machines`, ties broken by
 * name, so Machines spread evenly (CACPM picks at random). `undefined` when the Cluster has no control-plane
 * failure domains.
 */
export function nextFailureDomain(domains: readonly FailureDomain[], machines: readonly Machine[]): string | undefined {
  const counts = countPerDomain(controlPlaneFailureDomains(domains), machines);
  let best: string | undefined;
  for (const [name, count] of counts) {
    if (best === undefined || count < (counts.get(best) ?? 0)) best = name;
  }
  return best;
}

/**
 * The failure domain to remove a Machine from: the one holding the most of `candidates`, ties broken by name;
 * Machines outside any known domain count as one more domain and go first.
 */
export function crowdedFailureDomain(
  domains: readonly FailureDomain[],
  candidates: readonly Machine[],
): string | undefined {
  const names = controlPlaneFailureDomains(domains);
  if (candidates.some((m) => m.spec.failureDomain === undefined || !names.includes(m.spec.failureDomain))) {
    return undefined;
  }
  const counts = countPerDomain(names, candidates);
  let best: string | undefined;
  for (const [name, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = name;
  }
  return best;
}
