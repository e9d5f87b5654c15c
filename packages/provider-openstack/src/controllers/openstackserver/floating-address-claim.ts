import {
  CapiLabel,
  type IPAddress,
  type IPAddressClaim,
  IPAM_API_VERSION,
  ipamTypes,
  isAlreadyExists,
  isNotFound,
  isOwnedBy,
  type KubeClient,
  type ObjectReader,
  ownerReferenceTo,
} from '@capi-ts/sdk';
import { GROUP } from '../../api/common/names.js';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { Finalizers } from '../shared/finalizers.js';
import { floatingIPClaimName } from '../shared/resource-names.js';

/** Where a server's claim on its floating IP pool stands. */
export type FloatingAddressClaimState =
  | { readonly state: 'waiting'; readonly claim: Readonly<IPAddressClaim>; readonly created: boolean }
  | { readonly state: 'allocated'; readonly claim: Readonly<IPAddressClaim>; readonly address: Readonly<IPAddress> };

function claimKey(server: Readonly<OpenStackServer>) {
  return { namespace: server.metadata.namespace as string, name: floatingIPClaimName(server.metadata.name as string) };
}

/**
 * The IPAddressClaim CAPO v0.14 creates for a server with `floatingIPPoolRef`: `<server>-floating-ip-address`,
 * owned by the server, with the `…/ip-claim` finalizer (the server's deletion removes it), the Cluster label, and
 * the pool reference. A reference without `apiGroup` means the infrastructure group (the v1beta2 IPAM contract
 * requires a group; CAPO's own pool is the only kind such a reference can mean). `spec.clusterName` is set from
 * the Cluster label, as Cluster API's IPAM contract asks of consumers.
 */
export function floatingAddressClaimFor(server: Readonly<OpenStackServer>): IPAddressClaim {
  const ref = server.spec.floatingIPPoolRef;
  if (ref === undefined) throw new Error(`OpenStackServer ${server.metadata.name} has no floatingIPPoolRef`);
  const clusterName = server.metadata.labels?.[CapiLabel.clusterName];
  const { namespace, name } = claimKey(server);
  return {
    apiVersion: IPAM_API_VERSION,
    kind: ipamTypes.ipAddressClaim.kind,
    metadata: {
      namespace,
      name,
      ...(clusterName !== undefined ? { labels: { [CapiLabel.clusterName]: clusterName } } : {}),
      ownerReferences: [ownerReferenceTo(server, { type: OpenStackServer })],
      finalizers: [Finalizers.ipClaim],
    },
    spec: {
      poolRef: { apiGroup: ref.apiGroup || GROUP, kind: ref.kind, name: ref.name },
      ...(clusterName ? { clusterName } : {}),
    },
  };
}

/**
 * Gets (from the cache) or creates the server's IPAddressClaim and, once the IPAM provider set its
 * `status.addressRef`, reads the IPAddress it names (from the cache; an address the cache has not seen yet is
 * waited for like an unserved claim: its watch event wakes the server).
 */
export async function floatingAddressClaim(
  client: KubeClient,
  reader: ObjectReader,
  server: Readonly<OpenStackServer>,
): Promise<FloatingAddressClaimState> {
  const key = claimKey(server);
  let claim = await reader.get(ipamTypes.ipAddressClaim, key);
  let created = false;
  if (claim === undefined) {
    try {
      claim = await client.create(ipamTypes.ipAddressClaim, floatingAddressClaimFor(server));
      created = true;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      claim = await client.get(ipamTypes.ipAddressClaim, key);
    }
  }
  const addressName = claim.status?.addressRef?.name;
  if (!addressName) return { state: 'waiting', claim, created };
  const address = await reader.get(ipamTypes.ipAddress, { namespace: key.namespace, name: addressName });
  if (address === undefined) return { state: 'waiting', claim, created };
  return { state: 'allocated', claim, address };
}

/**
 * On the server's deletion: the `…/ip-claim` finalizer comes off its IPAddressClaim and the claim is deleted, so
 * that its IPAddress goes and the pool releases the floating IP (deleted or kept per `reclaimPolicy`). A claim the
 * server does not own is left alone. Answers whether a claim was released.
 */
export async function releaseFloatingAddressClaim(
  client: KubeClient,
  reader: ObjectReader,
  server: Readonly<OpenStackServer>,
): Promise<boolean> {
  const key = claimKey(server);
  const claim = await reader.get(ipamTypes.ipAddressClaim, key);
  if (claim === undefined || !isOwnedBy(claim, server, OpenStackServer)) return false;
  try {
    if (claim.metadata.finalizers?.includes(Finalizers.ipClaim)) {
      await client.mergePatch(ipamTypes.ipAddressClaim, key, {
        metadata: {
          resourceVersion: claim.metadata.resourceVersion,
          finalizers: claim.metadata.finalizers.filter((f) => f !== Finalizers.ipClaim),
        },
      });
    }
    if (!claim.metadata.deletionTimestamp) await client.delete(ipamTypes.ipAddressClaim, key);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return true;
}
