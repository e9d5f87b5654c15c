import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, keystoneErrorBody } from './errors.js';
import type { FaultInjector } from './faults.js';
import { liveToken } from './keystone.js';
import { type Microversion, microversionHeaders, negotiateMicroversion } from './microversion.js';
import type { RequestRecorder } from './recorder.js';
import { findRoute, type Reply, type RequestContext } from './router.js';
import type { SimulatorRuntime } from './runtime.js';
import type { ServiceDefinition } from './service.js';

/** What the HTTP front end needs. */
export interface FrontEndParts {
  readonly runtime: SimulatorRuntime;
  readonly services: readonly ServiceDefinition[];
  readonly faults: FaultInjector;
  readonly recorder: RequestRecorder;
  /** Keystone URL announced in `WWW-Authenticate` on 401 answers. */
  readonly authUrl: () => string;
  /** PEM certificate and key to serve HTTPS with; plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  const hasBody = reply.body !== undefined && reply.status !== 204;
  const text = hasBody ? JSON.stringify(reply.body) : '';
  response.writeHead(reply.status, {
    ...headers,
    ...reply.headers,
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

function errorReply(service: ServiceDefinition, error: ApiError): Reply {
  const body = error.status === 401 ? keystoneErrorBody(error) : service.formatError(error);
  return { status: error.status, body, headers: error.headers };
}

/** The single HTTP server in front of every simulated service (routing, auth, microversions, faults, recording). */
export class SimulatorFrontEnd {
  private readonly server: Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private readonly parts: FrontEndParts) {
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end(error instanceof Error ? error.message : String(error));
        }
      });
    };
    this.server = parts.tls ? createTlsServer(parts.tls, listener) : createServer(listener);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 (random port unless given) and returns the root URL. */
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return `${this.parts.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops listening and closes every open connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { runtime, recorder, faults } = this.parts;
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const requestId = `req-${runtime.ids.uuid()}`;
    const rawBody = await readBody(request);
    const service = this.parts.services.find(
      (candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`),
    );
    const record = (status: number, injected: boolean, path: string) =>
      recorder.add({ service: service?.name, method, path, query: url.search.slice(1), status, injected, requestId });
    if (!service) {
      record(404, false, url.pathname);
      send(response, { status: 404, body: { message: 'The resource could not be found.' } }, {});
      return;
    }
    const path = url.pathname.slice(service.prefix.length) || '/';
    const headers: Record<string, string> = { 'X-Openstack-Request-Id': requestId };
    if (service.name === 'compute') headers['X-Compute-Request-Id'] = requestId;

    const decision = faults.decide(service.name, method, path);
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    if (decision.effect?.kind === 'reset') {
      record(0, true, path);
      request.socket.destroy();
      return;
    }
    if (decision.effect?.kind === 'status') {
      const { status, retryAfterSeconds, message } = decision.effect;
      const extra: Record<string, string> =
        retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
      record(status, true, path);
      send(
        response,
        errorReply(service, new ApiError(status, message ?? 'Injected fault.', undefined, extra)),
        headers,
      );
      return;
    }

    let reply: Reply;
    try {
      reply = this.dispatch(service, method, path, url, request, rawBody, headers);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = errorReply(service, error);
      if (error.status === 401) headers['WWW-Authenticate'] = `Keystone uri="${this.parts.authUrl()}"`;
    }
    record(reply.status, false, path);
    send(response, method === 'HEAD' ? { ...reply, body: undefined } : reply, headers);
  }

  private dispatch(
    service: ServiceDefinition,
    method: string,
    path: string,
    url: URL,
    request: IncomingMessage,
    rawBody: string,
    headers: Record<string, string>,
  ): Reply {
    const { runtime } = this.parts;
    let microversion: Microversion | undefined;
    if (service.microversions) {
      microversion = negotiateMicroversion(service.microversions, request.headers);
      Object.assign(headers, microversionHeaders(service.microversions, microversion));
    }
    const match = findRoute(service.routes, method, path);
    if (match === undefined) throw new ApiError(404, 'The resource could not be found.');
    if (match === 'method-not-allowed') throw new ApiError(405, 'The method is not allowed for the requested URL.');
    const tokenHeader = request.headers['x-auth-token'];
    const token = liveToken(runtime, Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader);
    if (!match.route.public && (!token || (service.name !== 'identity' && !token.projectId))) {
      throw new ApiError(401, 'The request you have made requires authentication.');
    }
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ApiError(400, 'Malformed request body');
      }
    }
    const context: RequestContext = {
      method,
      path,
      params: match.params,
      query: url.searchParams,
      body,
      headers: request.headers,
      token,
      serviceUrl: runtime.serviceUrl(service.name),
      microversion,
    };
    return match.route.handler(context);
  }
}
