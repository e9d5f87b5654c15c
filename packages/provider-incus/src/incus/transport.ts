import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Operation } from './api/operation.js';
import type { IncusConnectionOptions } from './connection.js';
import { apiErrorFor, IncusApiError, IncusConnectionError } from './errors.js';
import { tlsOptionsFor } from './tls.js';

/** One request to the daemon. `path` starts with `/1.0`. */
export interface IncusRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-serialised unless it is a Buffer or string (sent as `application/octet-stream`). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the client's project (for global endpoints such as `/1.0`). */
  withoutProject?: boolean;
  signal?: AbortSignal;
}

/** A raw response: status, headers and the unparsed body. */
export interface IncusRawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Envelope {
  type: 'sync' | 'async' | 'error';
  status_code?: number;
  error_code?: number;
  error?: string;
  operation?: string;
  metadata?: unknown;
}

/**
 * Sends requests to one Incus daemon over its unix socket or HTTPS, adds the project, and unwraps
 * the standard `{type, metadata, error}` envelope into values or typed errors.
 */
export class IncusTransport {
  readonly project: string | undefined;
  private readonly agent: http.Agent;
  private readonly baseUrl: URL;
  private readonly socketPath: string | undefined;

  constructor(readonly options: IncusConnectionOptions) {
    this.project = options.project || undefined;
    const endpoint = options.endpoint;
    if (endpoint.kind === 'unix') {
      this.socketPath = endpoint.socketPath;
      this.baseUrl = new URL('http://unix.socket');
      this.agent = new http.Agent({ keepAlive: true });
    } else {
      this.baseUrl = new URL(endpoint.url);
      if (this.baseUrl.protocol !== 'https:') {
        throw new IncusConnectionError(`Incus server URL ${endpoint.url} is not https://`);
      }
      this.agent = new https.Agent({ keepAlive: true, ...tlsOptionsFor(endpoint) });
    }
  }

  /** URL (path and query) of a request, with the project added. */
  pathWithQuery(request: Pick<IncusRequest, 'path' | 'query' | 'withoutProject'>): string {
    const params = new URLSearchParams();
    if (this.project && !request.withoutProject) params.set('project', this.project);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const query = params.toString();
    return query === '' ? request.path : `${request.path}?${query}`;
  }

  /** Sends a request and returns the raw response; only network and TLS failures throw. */
  raw(request: IncusRequest): Promise<IncusRawResponse> {
    const headers: Record<string, string> = { ...request.headers };
    let payload: Buffer | undefined;
    if (request.body !== undefined) {
      if (Buffer.isBuffer(request.body) || typeof request.body === 'string') {
        payload = Buffer.from(request.body);
        headers['content-type'] ??= 'application/octet-stream';
      } else {
        payload = Buffer.from(JSON.stringify(request.body));
        headers['content-type'] = 'application/json';
      }
      headers['content-length'] = String(payload.length);
    }
    const path = this.pathWithQuery(request);
    const module = this.socketPath === undefined ? https : http;
    return new Promise((resolve, reject) => {
      const req = module.request(
        {
          agent: this.agent,
          socketPath: this.socketPath,
          host: this.baseUrl.hostname,
          port: this.baseUrl.port || undefined,
          method: request.method,
          path: `${this.baseUrl.pathname.replace(/\/$/, '')}${path}`,
          headers,
          signal: request.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', (error: Error) => {
        if (error.name === 'AbortError') reject(error);
        else reject(new IncusConnectionError(`${request.method} ${request.path}: ${error.message}`, { cause: error }));
      });
      req.end(payload);
    });
  }

  /** Sends a request whose answer is a sync envelope and returns its `metadata`. */
  async sync<T>(request: IncusRequest): Promise<T> {
    const envelope = await this.envelope(request);
    return envelope.metadata as T;
  }

  /** Sends a request whose answer is an async envelope and returns the created operation. */
  async async(request: IncusRequest): Promise<Operation> {
    const envelope = await this.envelope(request);
    if (envelope.type !== 'async') {
      throw new IncusApiError(`expected an operation, got a ${envelope.type} response`, 0, describe(request));
    }
    return envelope.metadata as Operation;
  }

  /** Throws the typed error for a non-2xx raw response (files API, exec logs). */
  checkRaw(response: IncusRawResponse, request: IncusRequest): void {
    if (response.status >= 200 && response.status < 300) return;
    const envelope = tryParse(response.body);
    throw apiErrorFor(response.status, envelope?.error || `HTTP ${response.status}`, describe(request));
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async envelope(request: IncusRequest): Promise<Envelope> {
    const response = await this.raw(request);
    const envelope = tryParse(response.body);
    if (envelope === undefined) {
      throw apiErrorFor(response.status, `unexpected non-JSON response (HTTP ${response.status})`, describe(request));
    }
    if (envelope.type === 'error' || response.status >= 400) {
      const status = envelope.error_code || response.status;
      throw apiErrorFor(status, envelope.error || `HTTP ${status}`, describe(request));
    }
    return envelope;
  }
}

function describe(request: IncusRequest): string {
  return `${request.method} ${request.path}`;
}

function tryParse(body: Buffer): Envelope | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && 'type' in value ? (value as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

/** Encodes one path segment (instance, image, network names and addresses). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
