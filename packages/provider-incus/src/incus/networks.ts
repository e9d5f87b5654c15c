import type { Network, NetworkPut, NetworksPost } from './api/network.js';
import { type IncusTransport, segment } from './transport.js';

/** Options of network creation. */
export interface CreateNetworkOptions {
  /** Cluster member for the per-member pending step on clustered servers. */
  target?: string;
  signal?: AbortSignal;
}

/** `/1.0/networks`: bridges, OVN and physical networks. */
export class NetworksApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/networks?recursion=1`. */
  list(signal?: AbortSignal): Promise<Network[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/networks', query: { recursion: 1 }, signal });
  }

  /** `GET /1.0/networks/<name>`. */
  get(name: string, signal?: AbortSignal): Promise<Network> {
    return this.transport.sync({ method: 'GET', path: networkPath(name), signal });
  }

  /** `POST /1.0/networks`. */
  async create(network: NetworksPost, options: CreateNetworkOptions = {}): Promise<void> {
    await this.transport.sync({
      method: 'POST',
      path: '/1.0/networks',
      query: { target: options.target || undefined },
      body: network,
      signal: options.signal,
    });
  }

  /** `PUT /1.0/networks/<name>`. */
  async update(name: string, network: NetworkPut, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'PUT', path: networkPath(name), body: network, signal });
  }

  /** `DELETE /1.0/networks/<name>`. */
  async delete(name: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: networkPath(name), signal });
  }
}

/** API path of a network. */
export function networkPath(name: string): string {
  return `/1.0/networks/${segment(name)}`;
}
