/** The finalizers CAPO puts on its objects; a moved or adopted object keeps them, so they must not change. */
export const Finalizers = {
  openStackCluster: 'openstackcluster.infrastructure.cluster.x-k8s.io',
  openStackMachine: 'openstackmachine.infrastructure.cluster.x-k8s.io',
  openStackServer: 'openstackserver.infrastructure.cluster.x-k8s.io',
  openStackFloatingIPPool: 'openstackfloatingippool.infrastructure.cluster.x-k8s.io',
  /** On the IPAddressClaims of servers with a floating IP pool. */
  ipClaim: 'openstackmachine.infrastructure.cluster.x-k8s.io/ip-claim',
  /** On the IPAddresses a pool hands out, until their floating IP is released. */
  deleteFloatingIP: 'openstackfloatingippool.infrastructure.cluster.x-k8s.io/delete-floating-ip',
} as const;
