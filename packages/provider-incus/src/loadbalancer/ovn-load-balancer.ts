import { isDeepStrictEqual } from 'node:util';
import type { IncusServerConnection } from '../connection/connect.js';
import { requireExtensions } from '../connection/connect.js';
import { isIncusNotFound } from '../incus/errors.js';
import { controlPlaneBackends } from './backends.js';
import { LoadBalancerSpecError } from './errors.js';
import type { LoadBalancer, ReconfigureResult } from './load-balancer.js';
import { ClusterConfigKey } from './names.js';
import { ovnLoadBalancerPut, ovnOwnerConfig } from './ovn-requests.js';

/** Where an `ovn` load balancer lives. */
export interface OvnLoadBalancerInput {
  connection: IncusServerConnection;
  networkName: string | undefined;
  /** `spec.controlPlaneEndpoint.host`: the listen address. */
  listenAddress: string | undefined;
  clusterName: string;
  namespace: string;
}

/**
 * An OVN network load balancer on `networkName` listening on the control plane endpoint host, with health-checked
 * backends (needs the `network_load_balancer` and `network_load_balancer_health_check` extensions). One that
 * already exists is adopted if it carries this cluster's `user.cluster-*` keys and refused otherwise.
 */
export class OvnLoadBalancer implements LoadBalancer {
  readonly type = 'ovn' as const;

  constructor(private readonly input: OvnLoadBalancerInput) {}

  async ensure(signal?: AbortSignal): Promise<string[]> {
    const { connection, clusterName, namespace } = this.input;
    const { network, address } = this.location();
    requireExtensions(
      connection,
      'the ovn load balancer',
      'network_load_balancer',
      'network_load_balancer_health_check',
    );
    await connection.client.networks.get(network, signal).catch((error: unknown) => {
      if (isIncusNotFound(error)) throw new LoadBalancerSpecError(`network ${network} does not exist on the server`);
      throw error;
    });
    const existing = await this.current(signal);
    if (existing) {
      const owner = existing.config ?? {};
      if (
        owner[ClusterConfigKey.clusterName] !== clusterName ||
        owner[ClusterConfigKey.clusterNamespace] !== namespace
      ) {
        throw new LoadBalancerSpecError(
          `network load balancer ${address} on ${network} belongs to another cluster ` +
            `(${owner[ClusterConfigKey.clusterNamespace] ?? '?'}/${owner[ClusterConfigKey.clusterName] ?? '?'})`,
        );
      }
      return [address];
    }
    await connection.client.networkLoadBalancers.create(
      network,
      { listen_address: address, config: ovnOwnerConfig(clusterName, namespace), backends: [], ports: [] },
      signal,
    );
    return [address];
  }

  async reconfigure(signal?: AbortSignal): Promise<ReconfigureResult> {
    const { connection, clusterName, namespace } = this.input;
    const { network, address } = this.location();
    const backends = controlPlaneBackends(await connection.client.instances.listFull(signal), clusterName, namespace);
    const desired = ovnLoadBalancerPut(clusterName, namespace, backends);
    const existing = await this.current(signal);
    const same =
      existing &&
      isDeepStrictEqual(existing.config ?? {}, desired.config) &&
      isDeepStrictEqual(
        (existing.backends ?? []).map(({ name, target_port, target_address }) => ({
          name,
          target_port,
          target_address,
        })),
        desired.backends,
      ) &&
      isDeepStrictEqual(
        (existing.ports ?? []).map(({ listen_port, protocol, target_backend }) => ({
          listen_port,
          protocol,
          target_backend,
        })),
        desired.ports,
      );
    if (same) return { backends, changed: false };
    await connection.client.networkLoadBalancers.update(network, address, desired, signal);
    return { backends, changed: true };
  }

  async delete(signal?: AbortSignal): Promise<void> {
    const { network, address } = this.location();
    await this.input.connection.client.networkLoadBalancers.delete(network, address, signal).catch((error: unknown) => {
      if (!isIncusNotFound(error)) throw error;
    });
  }

  private location(): { network: string; address: string } {
    const { networkName, listenAddress } = this.input;
    if (!networkName) throw new LoadBalancerSpecError('spec.loadBalancer.ovn.networkName must name the OVN network');
    if (!listenAddress) {
      throw new LoadBalancerSpecError(
        'the ovn load balancer needs spec.controlPlaneEndpoint.host (its listen address)',
      );
    }
    return { network: networkName, address: listenAddress };
  }

  private current(signal?: AbortSignal) {
    const { network, address } = this.location();
    return this.input.connection.client.networkLoadBalancers.get(network, address, signal).catch((error: unknown) => {
      if (isIncusNotFound(error)) return undefined;
      throw error;
    });
  }
}
