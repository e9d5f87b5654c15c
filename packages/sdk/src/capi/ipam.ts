import type { KubeObject } from '../client/object.js';
import { resourceType } from '../client/resource-type.js';
import type { Condition } from '../conditions/types.js';

/** The Cluster API IPAM group-version of the v1beta2 contract (`ipam.cluster.x-k8s.io/v1beta2`). */
export const IPAM_API_VERSION = 'ipam.cluster.x-k8s.io/v1beta2';

/** The pool an address is claimed from or was allocated by (`IPPoolReference`; every field required). */
export interface IPPoolReference {
  /** The pool's API group, e.g. `infrastructure.cluster.x-k8s.io`. */
  apiGroup: string;
  kind: string;
  name: string;
}

/** `IPAddressClaim.spec`: the pool to claim from, and the Cluster the claim belongs to. */
export interface IPAddressClaimSpec {
  poolRef: IPPoolReference;
  clusterName?: string;
}

/** `IPAddressClaim.status`: the IPAddress the IPAM provider allocated (by name, same namespace). */
export interface IPAddressClaimStatus {
  addressRef?: { name: string };
  conditions?: Condition[];
  [field: string]: unknown;
}

/**
 * A Cluster API IPAM `IPAddressClaim` (v1beta2): a consumer (an infrastructure machine, a server) asks the IPAM
 * provider serving `spec.poolRef` for an address; the provider answers with an {@link IPAddress} and
 * `status.addressRef`.
 */
export interface IPAddressClaim extends KubeObject {
  spec: IPAddressClaimSpec;
  status?: IPAddressClaimStatus;
}

/** `IPAddress.spec`: the allocated address (prefix and optional gateway) and where it comes from and goes to. */
export interface IPAddressSpec {
  address: string;
  /** Prefix length, 0–128. */
  prefix: number;
  gateway?: string;
  claimRef: { name: string };
  poolRef: IPPoolReference;
}

/** A Cluster API IPAM `IPAddress` (v1beta2), created by the IPAM provider for one {@link IPAddressClaim}. */
export interface IPAddress extends KubeObject {
  spec: IPAddressSpec;
}

/** The Cluster API IPAM kinds at the version the v1beta2 contract reads them. */
export const ipamTypes = {
  ipAddressClaim: resourceType<IPAddressClaim>(IPAM_API_VERSION, 'IPAddressClaim', 'ipaddressclaims', true),
  ipAddress: resourceType<IPAddress>(IPAM_API_VERSION, 'IPAddress', 'ipaddresses', true),
} as const;

/** Whether `ref` names the pool of kind `kind` in API group `apiGroup` (any name when `name` is undefined). */
export function isPoolReferenceTo(
  ref: Readonly<IPPoolReference> | undefined,
  apiGroup: string,
  kind: string,
  name?: string,
): ref is IPPoolReference {
  return ref?.apiGroup === apiGroup && ref.kind === kind && (name === undefined || ref.name === name);
}
