import type { NetworkLoadBalancer, NetworkLoadBalancerPut, NetworkLoadBalancerState } from './api/network.js';
import { networkPath } from './networks.js';
import { type IncusTransport, segment } from './transport.js';

/** `/1.0/networks/<net>/load-balancers`: OVN network load balancers (CAPN's `ovn` load balancer type). */
export class NetworkLoadBalancersApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/networks/<net>/load-balancers?recursion=1`. */
  list(network: string, signal?: AbortSignal): Promise<NetworkLoadBalancer[]> {
    return this.transport.sync({
      method: 'GET',
      path: `${networkPath(network)}/load-balancers`,
      query: { recursion: 1 },
      signal,
    });
  }

  /** `GET /1.0/networks/<net>/load-balancers/<listen address>`. */
  get(network: string, listenAddress: string, signal?: AbortSignal): Promise<NetworkLoadBalancer> {
    return this.transport.sync({ method: 'GET', path: loadBalancerPath(network, listenAddress), signal });
  }

  /** `POST /1.0/networks/<net>/load-balancers`. */
  async create(network: string, loadBalancer: NetworkLoadBalancer, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({
      method: 'POST',
      path: `${networkPath(network)}/load-balancers`,
      body: loadBalancer,
      signal,
    });
  }

  /** `PUT /1.0/networks/<net>/load-balancers/<listen address>`. */
  async update(
    network: string,
    listenAddress: string,
    loadBalancer: NetworkLoadBalancerPut,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.sync({
      method: 'PUT',
      path: loadBalancerPath(network, listenAddress),
      body: loadBalancer,
      signal,
    });
  }

  /** `DELETE /1.0/networks/<net>/load-balancers/<listen address>`. */
  async delete(network: string, listenAddress: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: loadBalancerPath(network, listenAddress), signal });
  }

  /** `GET /1.0/networks/<net>/load-balancers/<listen address>/state`: backend health. */
  getState(network: string, listenAddress: string, signal?: AbortSignal): Promise<NetworkLoadBalancerState> {
    return this.transport.sync({ method: 'GET', path: `${loadBalancerPath(network, listenAddress)}/state`, signal });
  }
}

function loadBalancerPath(network: string, listenAddress: string): string {
  return `${networkPath(network)}/load-balancers/${segment(listenAddress)}`;
}
