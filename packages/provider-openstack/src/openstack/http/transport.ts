import { deadlineSignal, type Logger } from '@capi-ts/sdk';
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch } from 'undici';
import { OpenStackConnectionError } from '../errors.js';
import { errorFromResponse } from './error-response.js';
import { requestIdOf } from './headers.js';

/** HTTP methods the OpenStack APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** One HTTP exchange with an absolute URL. */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** A successful (2xx/3xx) response with its body parsed as JSON (undefined when empty or not JSON). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly requestId: string | undefined;
}

/** TLS and identification settings of a transport. */
export interface HttpTransportOptions {
  /** PEM bundle trusted instead of the system CAs. */
  readonly caCert?: string | undefined;
  /** TLS certificate verification (false only when the user asked for `verify: false`). */
  readonly verify?: boolean | undefined;
  readonly userAgent?: string | undefined;
  /** Receives one debug line per request (method, path, status, request ID, duration); never headers or bodies. */
  readonly logger?: Logger | undefined;
  /** Milliseconds before a request without response is abandoned (default 60 s). */
  readonly timeoutMs?: number | undefined;
}

/** Sends requests; the seam tests and the session use. */
export interface HttpTransport {
  /** Sends a request; a non-2xx/3xx answer throws a classified {@link OpenStackApiError}. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes idle connections. */
  close(): Promise<void>;
}

/** Default `User-Agent`, following CAPO's `cluster-api-provider-openstack/<version>` prefix. */
export const defaultUserAgent = 'capi-ts-provider-openstack/0.1.0';

/**
 * The HTTP transport over undici: keep-alive connections, TLS 1.2+, the cloud's CA bundle,
 * `verify: false` honoured only when set, and the proxy of the environment (`HTTPS_PROXY`, `NO_PROXY`). Error answers become classified errors carrying the request ID.
 */
export class UndiciTransport implements HttpTransport {
  private readonly dispatcher: Dispatcher;
  private readonly userAgent: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpTransportOptions = {}) {
    this.dispatcher = dispatcherFor(options);
    this.userAgent = options.userAgent ?? defaultUserAgent;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const description = `${request.method} ${url.pathname}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
      ...request.headers,
    };
    let payload: string | undefined;
    if (request.body !== undefined) {
      payload = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const started = Date.now();
    const deadline = deadlineSignal(this.timeoutMs, request.signal);
    let response: Awaited<ReturnType<typeof fetch>>;
    let text: string;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: payload,
        dispatcher: this.dispatcher,
        signal: deadline.signal,
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const cause = (error as Error & { cause?: Error }).cause;
      const reason = cause?.message ?? (error as Error).message;
      this.options.logger?.debug({ request: description, error: reason }, 'OpenStack request failed');
      throw new OpenStackConnectionError(`${description}: ${reason}`, { cause: error });
    } finally {
      deadline.cancel();
    }
    const requestId = requestIdOf(response.headers as Headers);
    this.options.logger?.debug(
      { request: description, status: response.status, requestId, durationMs: Date.now() - started },
      'OpenStack request',
    );
    if (response.status >= 400) {
      throw errorFromResponse(response.status, response.headers as Headers, text, description);
    }
    return { status: response.status, headers: response.headers as Headers, body: parseJson(text), requestId };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** Hosts never sent through a proxy, as Go's `http.ProxyFromEnvironment` (which CAPO uses) never proxies them. */
const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The connection pool: TLS 1.2+, the CA bundle, `verify`; and, when `HTTP_PROXY`/`HTTPS_PROXY` are set, the
 * proxy they name, except for `NO_PROXY` and loopback hosts.
 */
function dispatcherFor(options: HttpTransportOptions): Dispatcher {
  const tls = {
    minVersion: 'TLSv1.2' as const,
    rejectUnauthorized: options.verify !== false,
    ...(options.caCert ? { ca: options.caCert } : {}),
  };
  const env = process.env;
  const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!proxied) return new Agent({ connect: tls });
  const noProxy = [env.NO_PROXY ?? env.no_proxy ?? '', ...loopbackHosts].filter(Boolean).join(',');
  return new EnvHttpProxyAgent({ connect: tls, requestTls: tls, noProxy });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
