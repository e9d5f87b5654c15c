import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import type { BindAddress } from './bind-address.js';

/** Answers one request; `url` is the parsed request URL. Returns false when no route matches (404). */
export type RouteHandler = (url: URL, res: ServerResponse<IncomingMessage>) => Promise<boolean>;

/** A plain-HTTP server for the manager's diagnostics (metrics, health probes). */
export class HttpEndpoint {
  private readonly server: Server;
  private bound?: BindAddress;

  constructor(
    readonly name: string,
    private readonly bind: BindAddress,
    handler: RouteHandler,
    private readonly logger: Logger,
  ) {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      handler(url, res)
        .then((handled) => {
          if (!handled) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
        })
        .catch((err: unknown) => {
          this.logger.error({ err, path: url.pathname }, 'request failed');
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('internal server error\n');
        });
    });
  }

  /** The address actually bound (the real port when port 0 was asked for); undefined before {@link listen}. */
  get address(): BindAddress | undefined {
    return this.bound;
  }

  /** Starts listening; rejects when the address cannot be bound. */
  async listen(): Promise<BindAddress> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.bind.port, this.bind.host || undefined, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const info = this.server.address() as AddressInfo;
    this.bound = { host: info.address, port: info.port };
    this.logger.info({ address: this.bound }, `serving ${this.name}`);
    return this.bound;
  }

  /** Stops accepting requests and drops open connections. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    this.bound = undefined;
  }
}
