import { formatProviderId } from '@capi-ts/sdk';

const PREFIX = 'openstack://';

/** Where a providerID points: the region (empty when the identity names none) and the Nova server id. */
export interface OpenStackProviderId {
  readonly region: string;
  readonly serverId: string;
}

/**
 * CAPO's providerID, `openstack://<region>/<server id>` (`openstack:///<id>` without a region), the form the
 * OpenStack cloud controller manager sets on Nodes.
 */
export function openStackProviderId(region: string | undefined, serverId: string): string {
  if (serverId === '' || serverId.includes('/')) throw new Error(`"${serverId}" is not a server id`);
  return formatProviderId('openstack', region ?? '', serverId);
}

/** Reads an `openstack://<region>/<id>` providerID; anything else (another cloud, a missing id) gives undefined. */
export function parseOpenStackProviderId(value: string): OpenStackProviderId | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const rest = value.slice(PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash < 0) return undefined;
  const serverId = rest.slice(slash + 1);
  return serverId === '' ? undefined : { region: rest.slice(0, slash), serverId };
}
