import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../log/index.js';
import type { Runnable } from '../manager/runnable.js';
import { CertificateWatcher, readServingCertificate, type ServingCertificate } from './certificate-watcher.js';
import { type WebhookHandler, WebhookRequestError } from './handler.js';

/** Options of a {@link WebhookServer}. Give either `certDir` or `cert`. */
export interface WebhookServerOptions {
  /** Address to listen on. Default `0.0.0.0`. */
  host?: string;
  /** Port to listen on. Default 9443 (controller-runtime's); `0` picks a free port, see {@link WebhookServer.port}. */
  port?: number;
  /**
   * Folder holding `tls.crt` and `tls.key`, as cert-manager's Secret is mounted
   * (CAPI mounts it at `/tmp/k8s-webhook-server/serving-certs`). The files are reloaded when they change.
   */
  certDir?: string;
  /** A PEM certificate and key to serve instead of `certDir` (tests, embedded use). */
  cert?: ServingCertificate;
  logger?: Logger;
}

/**
 * Largest accepted request body. An AdmissionReview carries the object and the old object, each up to the API
 * server's ~3 MiB limit; controller-runtime accepts 7 MiB for the same reason.
 */
export const MAX_REQUEST_BYTES = 7 * 1024 * 1024;
/** The API server waits at most 30 s for a webhook. */
const REQUEST_TIMEOUT_MS = 30_000;
/** How long in-flight requests may finish after the stop signal before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

class HttpFailure extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The HTTPS server of admission and conversion webhooks (controller-runtime's `webhook.Server`). Register
 * handlers by path (`/convert`, `/mutate-...`, `/validate-...`, matching the webhook configurations), then let the
 * manager start it. It runs on every replica, not only on the leader.
 *
 * It serves TLS 1.2 or later, reloads the certificate from `certDir` on rotation, accepts only
 * `POST application/json` bodies up to {@link MAX_REQUEST_BYTES}, and answers failures with a JSON `Status`.
 */
export class WebhookServer implements Runnable {
  /** The runnable's name in manager logs. */
  readonly name = 'webhook-server';
  /** Webhooks answer on every replica: the API server may call any of them. */
  readonly needsLeaderElection = false;
  private readonly handlers = new Map<string, WebhookHandler>();
  private readonly logger: Logger;
  private boundPort: number | undefined;
  private started = false;
  private serving = false;
  private readonly listening: Promise<number>;
  private settleListening!: { resolve: (port: number) => void; reject: (error: Error) => void };

  constructor(private readonly options: WebhookServerOptions) {
    if (!options.certDir === !options.cert) throw new Error('WebhookServer needs exactly one of certDir and cert');
    this.logger = (options.logger ?? createLogger()).child({ component: 'webhook-server' });
    this.listening = new Promise<number>((resolve, reject) => {
      this.settleListening = { resolve, reject };
    });
    this.listening.catch(() => undefined);
  }

  /** Serves `handler` at `path` (exact match, e.g. `/convert`). Each path takes one handler. */
  register(path: string, handler: WebhookHandler): void {
    if (!path.startsWith('/')) throw new Error(`webhook path ${JSON.stringify(path)} must start with "/"`);
    if (this.handlers.has(path)) throw new Error(`a webhook is already registered at ${path}`);
    this.handlers.set(path, handler);
  }

  /** The port the server is bound to (useful with `port: 0`). Throws before it listens. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('WebhookServer is not listening yet');
    return this.boundPort;
  }

  /** Resolves with the bound port once the server listens; rejects if it fails to start or stops before. */
  whenListening(): Promise<number> {
    return this.listening;
  }

  /** True while the server accepts requests (from binding until the stop signal), e.g. for a readiness check. */
  get isListening(): boolean {
    return this.serving;
  }

  /** Listens until `signal` aborts, then stops accepting connections and lets in-flight requests finish. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error('WebhookServer was already started');
    this.started = true;
    if (signal.aborted) {
      this.settleListening.reject(new Error('WebhookServer stopped before it listened'));
      return;
    }
    let server: https.Server;
    let watcher: CertificateWatcher | undefined;
    try {
      const { certDir } = this.options;
      const initial = certDir ? readServingCertificate(certDir) : (this.options.cert as ServingCertificate);
      server = https.createServer(
        { ...initial, minVersion: 'TLSv1.2', requestTimeout: REQUEST_TIMEOUT_MS },
        (req, res) => void this.serve(req, res),
      );
      if (certDir) {
        watcher = new CertificateWatcher(certDir, initial, (pair) => server.setSecureContext(pair), this.logger);
      }
      await listen(server, this.options.port ?? 9443, this.options.host ?? '0.0.0.0');
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.settleListening.reject(failure);
      throw failure;
    }
    watcher?.start();
    this.boundPort = (server.address() as AddressInfo).port;
    this.logger.info({ port: this.boundPort, paths: [...this.handlers.keys()] }, 'webhook server listening');
    this.serving = true;
    this.settleListening.resolve(this.boundPort);

    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.serving = false;
    watcher?.stop();
    await close(server);
    this.logger.info('webhook server stopped');
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const path = new URL(req.url ?? '/', 'https://webhook.invalid').pathname;
    let status = 200;
    try {
      const handler = this.handlers.get(path);
      if (!handler) throw new HttpFailure(404, `no webhook is registered at ${path}`);
      if (req.method !== 'POST')
        throw new HttpFailure(405, `${req.method} is not allowed; use POST`, { Allow: 'POST' });
      const contentType = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(contentType)) {
        throw new HttpFailure(
          415,
          `content type ${JSON.stringify(contentType)} is not supported; use application/json`,
        );
      }
      const body = parseJson(await readBody(req));
      const answer = await handler(body, { logger: this.logger.child({ path }) });
      sendJson(res, 200, answer);
    } catch (error) {
      status = error instanceof HttpFailure ? error.statusCode : error instanceof WebhookRequestError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) this.logger.error({ err: error, path }, 'webhook handler failed');
      const headers = error instanceof HttpFailure ? error.headers : {};
      sendJson(res, status, { apiVersion: 'v1', kind: 'Status', status: 'Failure', code: status, message }, headers);
      if (status === 413) req.resume();
    } finally {
      this.logger.debug({ path, method: req.method, status, ms: Date.now() - started }, 'webhook request');
    }
  }
}

function listen(server: https.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () =>
    new HttpFailure(413, `request body exceeds ${MAX_REQUEST_BYTES} bytes`, { Connection: 'close' });
  if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflowed = false;
    req.on('data', (chunk: Buffer) => {
      if (overflowed) return; // keep draining so that the 413 answer reaches the client
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        overflowed = true;
        chunks.length = 0;
        reject(tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new WebhookRequestError(`request body is not JSON: ${(error as Error).message}`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
