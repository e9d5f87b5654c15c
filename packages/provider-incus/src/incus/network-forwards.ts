import type { NetworkForward, NetworkForwardPut } from './api/network.js';
import { networkPath } from './networks.js';
import { type IncusTransport, segment } from './transport.js';

/** `/1.0/networks/<net>/forwards`: address and port forwards (bridge and OVN networks). */
export class NetworkForwardsApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/networks/<net>/forwards?recursion=1`. */
  list(network: string, signal?: AbortSignal): Promise<NetworkForward[]> {
    return this.transport.sync({
      method: 'GET',
      path: `${networkPath(network)}/forwards`,
      query: { recursion: 1 },
      signal,
    });
  }

  /** `GET /1.0/networks/<net>/forwards/<listen address>`. */
  get(network: string, listenAddress: string, signal?: AbortSignal): Promise<NetworkForward> {
    return this.transport.sync({ method: 'GET', path: forwardPath(network, listenAddress), signal });
  }

  /** `POST /1.0/networks/<net>/forwards`. */
  async create(network: string, forward: NetworkForward, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'POST', path: `${networkPath(network)}/forwards`, body: forward, signal });
  }

  /** `PUT /1.0/networks/<net>/forwards/<listen address>`. */
  async update(
    network: string,
    listenAddress: string,
    forward: NetworkForwardPut,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.sync({ method: 'PUT', path: forwardPath(network, listenAddress), body: forward, signal });
  }

  /** `DELETE /1.0/networks/<net>/forwards/<listen address>`. */
  async delete(network: string, listenAddress: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: forwardPath(network, listenAddress), signal });
  }
}

function forwardPath(network: string, listenAddress: string): string {
  return `${networkPath(network)}/forwards/${segment(listenAddress)}`;
}
