/** A server's tags (also on its ports and trunks): the machine's, then the cluster's, each once (CAPO's `InstanceTags`). */
export function instanceTags(
  machineTags: readonly string[] | undefined,
  clusterTags: readonly string[] | undefined,
): string[] {
  return [...new Set([...(machineTags ?? []), ...(clusterTags ?? [])])];
}
