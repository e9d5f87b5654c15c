import type { OpenStackClusterSpec } from '../../api/v1beta1/cluster-spec.js';
import type { OpenStackClusterStatus } from '../../api/v1beta1/cluster-status.js';

/** A Nova availability zone as `GET /os-availability-zone` lists it. */
export interface AvailabilityZone {
  readonly name: string;
  readonly available: boolean;
}

type FailureDomains = NonNullable<OpenStackClusterStatus['failureDomains']>;

/**
 * `status.failureDomains` from the compute availability zones, rebuilt on every reconcile: one entry per available
 * zone. A zone takes control-plane machines unless `controlPlaneOmitAvailabilityZone` is set; a non-empty
 * `controlPlaneAvailabilityZones` list decides instead.
 */
export function failureDomainsFromZones(
  zones: readonly AvailabilityZone[],
  spec: Pick<OpenStackClusterSpec, 'controlPlaneAvailabilityZones' | 'controlPlaneOmitAvailabilityZone'>,
): FailureDomains {
  const allowList = spec.controlPlaneAvailabilityZones ?? [];
  const domains: FailureDomains = {};
  for (const zone of zones) {
    if (!zone.available) continue;
    const controlPlane =
      allowList.length > 0 ? allowList.includes(zone.name) : spec.controlPlaneOmitAvailabilityZone !== true;
    domains[zone.name] = { controlPlane };
  }
  return domains;
}
