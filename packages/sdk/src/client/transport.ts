import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError, type StatusBody } from './errors.js';

/** One HTTP call to the API server. `path` is absolute (`/api/v1/...`); `query` values are stringified. */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * Authenticated HTTP(S) to one API server, built from a kubeconfig. `@kubernetes/client-node` supplies the
 * kubeconfig parsing and credentials (client certificates, tokens, exec and OIDC plugins); requests go through
 * Node's own keep-alive agent so that every caller in a process shares connections.
 */
export class KubeTransport {
  readonly server: URL;
  private readonly agent: http.Agent;

  constructor(private readonly kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster: set a current-context that names a cluster');
    this.server = new URL(cluster.server);
    const isTls = this.server.protocol === 'https:';
    this.agent = isTls
      ? new https.Agent({ keepAlive: true, maxSockets: 64 })
      : new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  /** Sends a request and returns the parsed JSON body; a non-2xx answer throws an {@link ApiError}. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    return (await this.exchange<T>(req)).body;
  }

  /** Like {@link request}, also returning the HTTP status of the successful answer. */
  async exchange<T = unknown>(req: KubeRequest): Promise<{ status: number; body: T }> {
    const res = await this.send(req);
    const text = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw ApiError.fromResponse(status, req, parseJson(text) as StatusBody);
    return { status, body: (text.length > 0 ? parseJson(text) : undefined) as T };
  }

  /** Opens a streaming response (watch). The caller owns the stream; a non-2xx answer throws an {@link ApiError}. */
  async stream(req: KubeRequest): Promise<IncomingMessage> {
    const res = await this.send(req);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const text = await readBody(res);
      throw ApiError.fromResponse(status, req, parseJson(text) as StatusBody);
    }
    return res;
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private async send(req: KubeRequest): Promise<IncomingMessage> {
    const url = new URL(this.server.pathname.replace(/\/$/, '') + req.path, this.server);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const payload =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const options: https.RequestOptions = {
      method: req.method,
      agent: this.agent,
      headers: {
        Accept: 'application/json',
        ...(payload !== undefined
          ? { 'Content-Type': req.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) }
          : {}),
      },
    };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const lib = url.protocol === 'https:' ? https : http;
    return await new Promise<IncomingMessage>((resolve, reject) => {
      const r = lib.request(url, { ...options, signal: req.signal }, resolve);
      r.on('error', reject);
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  }
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
