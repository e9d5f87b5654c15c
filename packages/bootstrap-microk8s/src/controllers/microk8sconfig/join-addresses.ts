import { CapiLabel, type Cluster, capiTypes, type InformerSource, type Machine, StandardIndex } from '@capi-ts/sdk';

/**
 * The addresses to join through, as CABPM finds them: the control-plane Machines of the cluster that run
 * (`status.phase` Running) and have a providerID; all their InternalIPs, or when none has one, all ExternalIPs.
 */
export function joinAddresses(cache: InformerSource, cluster: Readonly<Cluster>): string[] {
  const key = `${cluster.metadata.namespace}/${cluster.metadata.name}`;
  const machines = cache
    .informerFor(capiTypes.machine)
    .byIndex(StandardIndex.clusterName, key)
    .filter(
      (m: Readonly<Machine>) =>
        m.metadata.labels?.[CapiLabel.controlPlane] !== undefined &&
        Boolean(m.spec.providerID) &&
        m.status?.phase === 'Running',
    )
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const addresses = (type: string) =>
    machines.flatMap((m) => (m.status?.addresses ?? []).filter((a) => a.type === type).map((a) => a.address));
  const internal = addresses('InternalIP');
  return internal.length > 0 ? internal : addresses('ExternalIP');
}
