import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A request the fake cloud received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** Knobs of the fake: token lifetime, tokens the network service refuses, canned network answers. */
export interface FakeKeystoneOptions {
  tls?: { cert: string; key: string };
  tokenLifetimeMs?: number;
  now?: () => number;
}

/**
 * A minimal Keystone (token issuing with a catalog) plus a network endpoint answering `GET /v2.0/networks`,
 * for unit tests of sessions and transports: it records every request and can reject tokens on demand.
 */
export class FakeKeystone {
  readonly received: ReceivedRequest[] = [];
  /** Tokens the network endpoint answers 401 for (as if revoked). */
  readonly revoked = new Set<string>();
  issued = 0;
  private server!: Server;
  url = '';

  constructor(private readonly options: FakeKeystoneOptions = {}) {}

  async start(): Promise<this> {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      void this.handle(request, response);
    };
    this.server = this.options.tls ? createHttpsServer(this.options.tls, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    this.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-openstack-request-id': `req-${this.received.length}`,
        ...headers,
      });
      response.end(JSON.stringify(payload));
    };
    if (request.method === 'POST' && request.url === '/identity/v3/auth/tokens') {
      const password = (body as { auth: { identity: { password?: { user: { password: string } } } } }).auth.identity
        .password?.user.password;
      if (password === 'wrong') {
        send(401, {
          error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
        });
        return;
      }
      this.issued += 1;
      const now = this.options.now?.() ?? Date.now();
      const expiresAt = new Date(now + (this.options.tokenLifetimeMs ?? 3_600_000)).toISOString();
      send(
        201,
        {
          token: {
            expires_at: expiresAt,
            user: { id: 'user-1', name: 'demo' },
            project: { id: 'project-1', name: 'demo' },
            catalog: [
              {
                type: 'network',
                name: 'neutron',
                endpoints: [
                  { interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${this.url}/network` },
                  {
                    interface: 'internal',
                    region: 'RegionOne',
                    region_id: 'RegionOne',
                    url: `${this.url}/internal-network`,
                  },
                ],
              },
            ],
          },
        },
        { 'x-subject-token': `token-${this.issued}` },
      );
      return;
    }
    const token = String(request.headers['x-auth-token'] ?? '');
    if (this.revoked.has(token)) {
      send(401, {
        error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
      });
      return;
    }
    if (
      request.url?.startsWith('/network/v2.0/networks') ||
      request.url?.startsWith('/internal-network/v2.0/networks')
    ) {
      send(200, { networks: [] });
      return;
    }
    send(404, { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } });
  }
}
