import type { ClusterConfigurationData } from '../../kubeadm/index.js';

/** The parts of a Cluster (v1beta2) the kubeadm documents are derived from. */
export interface ClusterFacts {
  metadata: { name?: string };
  spec?: {
    controlPlaneEndpoint?: { host?: string; port?: number };
    clusterNetwork?: {
      serviceDomain?: string;
      services?: { cidrBlocks?: string[] };
      pods?: { cidrBlocks?: string[] };
    };
  };
}

/** `host:port` as Go's `net.JoinHostPort` writes it (IPv6 hosts in brackets); undefined while not set. */
export function controlPlaneEndpointOf(cluster: ClusterFacts): string | undefined {
  const endpoint = cluster.spec?.controlPlaneEndpoint;
  if (!endpoint?.host || !endpoint.port) return undefined;
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}

/**
 * What CABPK injects into the ClusterConfiguration from the Cluster and the Machine: name, endpoint, DNS domain,
 * service and pod subnets (CIDR blocks comma-joined), Kubernetes version, and the control-plane health check
 * timeout (v1beta3 writes it on the API server).
 */
export function clusterConfigurationData(
  cluster: ClusterFacts,
  kubernetesVersion: string | undefined,
  controlPlaneComponentHealthCheckSeconds: number | undefined,
): ClusterConfigurationData {
  const network = cluster.spec?.clusterNetwork;
  const join = (blocks: string[] | undefined) => (blocks && blocks.length > 0 ? blocks.join(',') : undefined);
  const data: ClusterConfigurationData = {
    clusterName: cluster.metadata.name,
    kubernetesVersion,
    controlPlaneEndpoint: controlPlaneEndpointOf(cluster),
    dnsDomain: network?.serviceDomain,
    serviceSubnet: join(network?.services?.cidrBlocks),
    podSubnet: join(network?.pods?.cidrBlocks),
    controlPlaneComponentHealthCheckSeconds,
  };
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as ClusterConfigurationData;
}
