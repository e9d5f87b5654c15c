import { type KubeObject, resourceType } from '@capi-ts/sdk';

/** A reference to the pool an address comes from (`TypedLocalObjectReference` with a required group). */
export interface IPAMPoolReference {
  apiGroup: string;
  kind: string;
  name: string;
}

/** Cluster API IPAM `IPAddressClaim` (v1beta2): the fields this provider reads and writes. */
export interface IPAddressClaim extends KubeObject {
  spec: { poolRef: IPAMPoolReference; clusterName?: string };
  status?: { addressRef?: { name?: string }; [field: string]: unknown };
}

/** Cluster API IPAM `IPAddress` (v1beta2). */
export interface IPAddress extends KubeObject {
  spec: {
    address: string;
    prefix: number;
    gateway?: string;
    claimRef: { name: string };
    poolRef: IPAMPoolReference;
  };
}

/** The Cluster API IPAM group-version this provider reads. */
export const IPAM_API_VERSION = 'ipam.cluster.x-k8s.io/v1beta2';

/** The Cluster API IPAM kinds at the version this provider reads them. */
export const ipamTypes = {
  ipAddressClaim: resourceType<IPAddressClaim>(IPAM_API_VERSION, 'IPAddressClaim', 'ipaddressclaims', true),
  ipAddress: resourceType<IPAddress>(IPAM_API_VERSION, 'IPAddress', 'ipaddresses', true),
} as const;
