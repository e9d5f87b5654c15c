import { type ServerInfo, type ServerKind, serverKind } from './api/server.js';
import { CertificatesApi } from './certificates.js';
import type { IncusConnectionOptions } from './connection.js';
import { EventsApi } from './events.js';
import { ImagesApi } from './images.js';
import { InstanceExecApi } from './instance-exec.js';
import { InstanceFilesApi } from './instance-files.js';
import { InstancesApi } from './instances.js';
import { NetworkForwardsApi } from './network-forwards.js';
import { NetworkLoadBalancersApi } from './network-load-balancers.js';
import { NetworksApi } from './networks.js';
import { OperationsApi } from './operations.js';
import { ProfilesApi } from './profiles.js';
import { IncusTransport } from './transport.js';

/**
 * A typed client of one Incus (or Canonical LXD) daemon, over its unix socket or HTTPS with a client
 * certificate. Every project-scoped call uses the configured project. Calls that start background
 * operations wait for them (long-polling `/1.0/operations/<id>/wait`) unless asked not to.
 */
export class IncusClient {
  readonly transport: IncusTransport;
  readonly operations: OperationsApi;
  readonly instances: InstancesApi;
  readonly files: InstanceFilesApi;
  readonly exec: InstanceExecApi;
  readonly images: ImagesApi;
  readonly profiles: ProfilesApi;
  readonly networks: NetworksApi;
  readonly networkForwards: NetworkForwardsApi;
  readonly networkLoadBalancers: NetworkLoadBalancersApi;
  readonly events: EventsApi;
  readonly certificates: CertificatesApi;

  constructor(options: IncusConnectionOptions) {
    this.transport = new IncusTransport(options);
    this.operations = new OperationsApi(this.transport);
    this.instances = new InstancesApi(this.transport, this.operations);
    this.files = new InstanceFilesApi(this.transport, options.lxdCompatibleHeaders ?? true);
    this.exec = new InstanceExecApi(this.transport, this.operations);
    this.images = new ImagesApi(this.transport, this.operations);
    this.profiles = new ProfilesApi(this.transport);
    this.networks = new NetworksApi(this.transport);
    this.networkForwards = new NetworkForwardsApi(this.transport);
    this.networkLoadBalancers = new NetworkLoadBalancersApi(this.transport);
    this.events = new EventsApi(options);
    this.certificates = new CertificatesApi(this.transport);
  }

  /** `GET /1.0`: server information and API extensions. */
  getServer(signal?: AbortSignal): Promise<ServerInfo> {
    return this.transport.sync({ method: 'GET', path: '/1.0', signal });
  }

  /** `PATCH /1.0`: changes server configuration keys (e.g. `core.https_address`); others are kept. */
  async patchServerConfig(config: Record<string, string>, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'PATCH', path: '/1.0', body: { config }, withoutProject: true, signal });
  }

  /** Whether the server is Incus, Canonical LXD or something else. */
  async getServerKind(signal?: AbortSignal): Promise<ServerKind> {
    return serverKind(await this.getServer(signal));
  }

  /** Releases keep-alive connections. */
  close(): void {
    this.transport.close();
  }
}
