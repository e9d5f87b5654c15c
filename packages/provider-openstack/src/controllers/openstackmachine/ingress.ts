import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import type { nova } from '../../openstack/index.js';
import { DEFAULT_API_SERVER_PORT } from '../openstackcluster/load-balancer.js';

/** Where the API server ingress of a control-plane machine stands: done, or waiting for the cloud. */
export type IngressProgress = { readonly state: 'ready' } | { readonly state: 'pending'; readonly message: string };

/** Done. */
export const INGRESS_READY: IngressProgress = { state: 'ready' };

/** Waiting, with what for. */
export function ingressPending(message: string): IngressProgress {
  return { state: 'pending', message };
}

/** The load balancer ports with a pool: the API server port (default 6443), then `additionalPorts`. */
export function loadBalancerPorts(openStackCluster: Readonly<OpenStackCluster>): number[] {
  const { spec } = openStackCluster;
  return [spec.apiServerPort || DEFAULT_API_SERVER_PORT, ...(spec.apiServerLoadBalancer?.additionalPorts ?? [])];
}

/**
 * The machine's fixed address on the network named `networkName` (CAPO's `InstanceNetworkStatus.IP`): its first
 * fixed IPv4 address there, else its first fixed address; undefined when the server has none on that network.
 */
export function instanceAddressOn(instance: Readonly<nova.Server>, networkName: string): string | undefined {
  const fixed = (instance.addresses[networkName] ?? []).filter((a) => a['OS-EXT-IPS:type'] !== 'floating');
  return (fixed.find((a) => a.version === 4) ?? fixed[0])?.addr;
}

/** The floating (ExternalIP) addresses of the server. */
export function floatingAddresses(instance: Readonly<nova.Server>): string[] {
  return Object.values(instance.addresses)
    .flat()
    .filter((a) => a['OS-EXT-IPS:type'] === 'floating')
    .map((a) => a.addr);
}
