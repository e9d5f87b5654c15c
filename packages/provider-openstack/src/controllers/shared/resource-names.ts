/**
 * The names CAPO gives the OpenStack resources it creates. Resources are found again by these names (and tags), so
 * a cluster created by the Go provider is adopted by this one and back; they must not change.
 */

/** The Cluster API Cluster an OpenStackCluster belongs to: `<namespace>-<name>` keys its resources. */
export interface ClusterRef {
  readonly namespace: string;
  readonly name: string;
}

/** `<namespace>-<cluster>`: CAPO's `clusterResourceName`. */
export function clusterResourceName(cluster: ClusterRef): string {
  return `${cluster.namespace}-${cluster.name}`;
}

/** The managed network, its subnet and the router all share this name: `k8s-clusterapi-cluster-<ns>-<cluster>`. */
export function networkName(cluster: ClusterRef): string {
  return `k8s-clusterapi-cluster-${clusterResourceName(cluster)}`;
}

/** The three managed security groups. */
export type ManagedSecurityGroupRole = 'controlplane' | 'worker' | 'bastion';

/** `k8s-cluster-<ns>-<cluster>-secgroup-<role>`. */
export function securityGroupName(cluster: ClusterRef, role: ManagedSecurityGroupRole): string {
  return `k8s-cluster-${clusterResourceName(cluster)}-secgroup-${role}`;
}

/** The API server load balancer: `k8s-clusterapi-cluster-<ns>-<cluster>-kubeapi`. */
export function loadBalancerName(cluster: ClusterRef): string {
  return `${networkName(cluster)}-kubeapi`;
}

/** The listener, pool and health monitor of one load balancer port: `<lb>-<port>`. */
export function loadBalancerPortResourceName(cluster: ClusterRef, port: number): string {
  return `${loadBalancerName(cluster)}-${port}`;
}

/** A control-plane machine's pool member on one port: `<lb>-<port>-<OpenStackMachine name>`. */
export function loadBalancerMemberName(cluster: ClusterRef, port: number, openStackMachineName: string): string {
  return `${loadBalancerPortResourceName(cluster, port)}-${openStackMachineName}`;
}

/** The bastion's OpenStackServer (and Nova server): `<cluster>-bastion`, from the Cluster's name alone. */
export function bastionServerName(clusterName: string): string {
  return `${clusterName}-bastion`;
}

/** A server's port: `<server>-<nameSuffix>`, or `<server>-<index>` without a suffix. Its trunk has the same name. */
export function portName(serverName: string, index: number, nameSuffix?: string): string {
  return `${serverName}-${nameSuffix ?? index}`;
}

/** The boot volume of a server booted from volume: `<server>-root`. */
export function rootVolumeName(serverName: string): string {
  return `${serverName}-root`;
}

/** An additional block device's volume: `<server>-<device name>`. */
export function additionalVolumeName(serverName: string, deviceName: string): string {
  return `${serverName}-${deviceName}`;
}

/** The IPAddressClaim of a server with a floating IP pool: `<server>-floating-ip-address`. */
export function floatingIPClaimName(serverName: string): string {
  return `${serverName}-floating-ip-address`;
}

/** Description of the network objects, floating IPs and load balancer CAPO creates for a cluster. */
export function clusterResourceDescription(cluster: ClusterRef): string {
  return `Created by cluster-api-provider-openstack cluster ${clusterResourceName(cluster)}`;
}

/** Default description of a machine's ports, from the object's `cluster.x-k8s.io/cluster-name` label. */
export function portDescription(clusterNameLabel: string): string {
  return `Created by cluster-api-provider-openstack cluster ${clusterNameLabel}`;
}

/** Description of the managed security groups. */
export const SECURITY_GROUP_DESCRIPTION = 'Cluster API managed group';

/** The tag on floating IPs an OpenStackFloatingIPPool created: `cluster-api-provider-openstack-fip-pool-<pool>`. */
export function floatingIPPoolTag(poolName: string): string {
  return `cluster-api-provider-openstack-fip-pool-${poolName}`;
}

/** Description of floating IPs an OpenStackFloatingIPPool created. */
export function floatingIPPoolDescription(poolName: string): string {
  return `Created by cluster-api-provider-openstack OpenStackFloatingIPPool ${poolName}`;
}
