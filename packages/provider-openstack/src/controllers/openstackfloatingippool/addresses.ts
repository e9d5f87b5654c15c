import {
  type InformerSource,
  type IPAddress,
  type IPAddressClaim,
  IPAM_API_VERSION,
  type IPPoolReference,
  ipamTypes,
  isPoolReferenceTo,
  type KubeClient,
} from '@capi-ts/sdk';
import { GROUP } from '../../api/common/names.js';
import type { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import { Finalizers } from '../shared/finalizers.js';

const POOL_KIND = 'OpenStackFloatingIPPool';
const POOL_API_VERSION = `${GROUP}/v1alpha1`;

/** Whether a claim's or address's `poolRef` names an OpenStackFloatingIPPool (group and kind checked). */
export function isPoolRef(ref: IPPoolReference | undefined): ref is IPPoolReference {
  return isPoolReferenceTo(ref, GROUP, POOL_KIND);
}

function refersTo(ref: IPPoolReference | undefined, pool: Readonly<OpenStackFloatingIPPool>): boolean {
  return isPoolReferenceTo(ref, GROUP, POOL_KIND, pool.metadata.name);
}

/** The IPAddressClaims of the pool's namespace whose `spec.poolRef` names it (from the cache). */
export function claimsOf(cache: InformerSource, pool: Readonly<OpenStackFloatingIPPool>): IPAddressClaim[] {
  return cache
    .informerFor(ipamTypes.ipAddressClaim)
    .list({ namespace: pool.metadata.namespace as string })
    .filter((claim) => refersTo(claim.spec?.poolRef, pool));
}

/** The IPAddresses of the pool's namespace whose `spec.poolRef` names it (from the cache). */
export function addressesOf(cache: InformerSource, pool: Readonly<OpenStackFloatingIPPool>): IPAddress[] {
  return cache
    .informerFor(ipamTypes.ipAddress)
    .list({ namespace: pool.metadata.namespace as string })
    .filter((address) => refersTo(address.spec?.poolRef, pool));
}

/** The pool's IPAddresses read live from the API server (the cache may not have seen one just created). */
export async function liveAddressesOf(
  client: KubeClient,
  pool: Readonly<OpenStackFloatingIPPool>,
): Promise<IPAddress[]> {
  const list = await client.list(ipamTypes.ipAddress, { namespace: pool.metadata.namespace as string });
  return list.items.filter((a) => refersTo(a.spec?.poolRef, pool));
}

/** The addresses of the pool's IPAddresses read live (before allocating, so a lagging cache never hands one out twice). */
export async function liveClaimedAddresses(
  client: KubeClient,
  pool: Readonly<OpenStackFloatingIPPool>,
): Promise<string[]> {
  return (await liveAddressesOf(client, pool)).filter((a) => !a.metadata.deletionTimestamp).map((a) => a.spec.address);
}

/**
 * The IPAddress CAPO creates for a claim: named after the claim, the address with prefix 32 (no gateway), the
 * pool and claim references, owned by the pool (controller) and the claim, with the finalizer that releases the
 * floating IP.
 */
export function ipAddressFor(
  pool: Readonly<OpenStackFloatingIPPool>,
  claim: Readonly<IPAddressClaim>,
  address: string,
): IPAddress {
  const name = claim.metadata.name as string;
  return {
    apiVersion: IPAM_API_VERSION,
    kind: ipamTypes.ipAddress.kind,
    metadata: {
      name,
      namespace: claim.metadata.namespace as string,
      finalizers: [Finalizers.deleteFloatingIP],
      ownerReferences: [
        {
          apiVersion: POOL_API_VERSION,
          kind: POOL_KIND,
          name: pool.metadata.name as string,
          uid: pool.metadata.uid as string,
          controller: true,
          blockOwnerDeletion: true,
        },
        {
          apiVersion: IPAM_API_VERSION,
          kind: ipamTypes.ipAddressClaim.kind,
          name,
          uid: claim.metadata.uid as string,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      address,
      prefix: 32,
      claimRef: { name },
      poolRef: { apiGroup: GROUP, kind: POOL_KIND, name: pool.metadata.name as string },
    },
  };
}

/** Removes the delete-floating-IP finalizer (optimistically locked on the version that was read). */
export async function removeAddressFinalizer(client: KubeClient, address: Readonly<IPAddress>): Promise<void> {
  await client.mergePatch(
    ipamTypes.ipAddress,
    { namespace: address.metadata.namespace as string, name: address.metadata.name as string },
    {
      metadata: {
        resourceVersion: address.metadata.resourceVersion,
        finalizers: (address.metadata.finalizers ?? []).filter((f) => f !== Finalizers.deleteFloatingIP),
      },
    },
  );
}
