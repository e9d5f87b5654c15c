import type { Logger } from '@capi-ts/sdk';
import { Authenticator } from './auth/authenticator.js';
import type { KeystoneToken } from './auth/token.js';
import {
  type EndpointInterface,
  resourceBaseUrl,
  type ServiceType,
  selectEndpoint,
  versionlessUrl,
} from './catalog.js';
import type { CloudConfig } from './clouds-yaml.js';
import { OpenStackApiError } from './errors.js';
import { type HttpMethod, type HttpResponse, type HttpTransport, UndiciTransport } from './http/transport.js';

/** A query parameter: arrays repeat the key (`tag=a&tag=b`); undefined leaves it out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One call to a service, relative to the service's base URL. */
export interface ServiceRequest {
  readonly method: HttpMethod;
  /**
   * Path relative to the base (`networks/ID`), or a pagination link (absolute URL or `/path`),
   * which is always sent to the endpoint's own scheme and host so tokens never leave the cloud.
   */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * `resource` (default): the API root resources hang off (Neutron `…/v2.0/`, Glance `…/v2/`);
   * `endpoint`: the catalog URL itself (Nova version document); `versionless`: the catalog URL without
   * its version segment (Octavia's version list).
   */
  readonly base?: 'resource' | 'endpoint' | 'versionless' | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * An authenticated connection to one cloud, region and interface. Service clients only need this,
 * so controllers can run against the real cloud, the simulator or a hand-written fake.
 */
export interface OpenStackSession {
  /** The project of the token (CAPO uses it as `project_id` filter). */
  projectId(): Promise<string>;
  /** Sends one request to a service; failures throw classified errors. */
  request(service: ServiceType, request: ServiceRequest): Promise<HttpResponse>;
}

/** Settings of a {@link KeystoneSession} beyond the cloud itself. */
export interface KeystoneSessionOptions {
  readonly logger?: Logger | undefined;
  readonly userAgent?: string | undefined;
  /** Replaces the HTTP transport (tests); by default one is built from the cloud's TLS settings. */
  readonly transport?: HttpTransport | undefined;
  readonly now?: (() => number) | undefined;
}

/**
 * The session over Keystone v3: authenticates with the cloud's credentials, picks endpoints from
 * the token's catalog (type, interface, region), sends the token with every call and, when a service
 * answers 401, re-authenticates once and repeats the call (gophercloud's `AllowReauth`).
 */
export class KeystoneSession implements OpenStackSession {
  readonly authenticator: Authenticator;
  private readonly transport: HttpTransport;
  private readonly ownsTransport: boolean;
  private readonly region: string | undefined;
  private readonly endpointInterface: EndpointInterface;

  constructor(cloud: CloudConfig, options: KeystoneSessionOptions = {}) {
    this.ownsTransport = options.transport === undefined;
    this.transport =
      options.transport ??
      new UndiciTransport({
        caCert: cloud.caCert,
        verify: cloud.verify,
        userAgent: options.userAgent,
        logger: options.logger,
      });
    this.region = cloud.regionName;
    this.endpointInterface = cloud.interface;
    this.authenticator = new Authenticator({
      authUrl: cloud.authUrl,
      credentials: cloud.credentials,
      transport: this.transport,
      now: options.now,
    });
  }

  async projectId(): Promise<string> {
    return (await this.authenticator.token()).projectId;
  }

  /** The catalog URL of a service (with trailing `/`), as the current token's catalog lists it. */
  async endpoint(service: ServiceType): Promise<string> {
    const token = await this.authenticator.token();
    return selectEndpoint(token.catalog, { type: service, interface: this.endpointInterface, region: this.region });
  }

  async request(service: ServiceType, request: ServiceRequest): Promise<HttpResponse> {
    const token = await this.authenticator.token();
    try {
      return await this.send(token, service, request);
    } catch (error) {
      if (!(error instanceof OpenStackApiError) || error.status !== 401) throw error;
      this.authenticator.invalidate(token);
      return this.send(await this.authenticator.token(), service, request);
    }
  }

  /** Closes the connections of the transport the session built itself. */
  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }

  private send(token: KeystoneToken, service: ServiceType, request: ServiceRequest): Promise<HttpResponse> {
    const endpoint = selectEndpoint(token.catalog, {
      type: service,
      interface: this.endpointInterface,
      region: this.region,
    });
    return this.transport.send({
      method: request.method,
      url: requestUrl(endpoint, service, request),
      headers: { ...request.headers, 'x-auth-token': token.value.reveal() },
      body: request.body,
      signal: request.signal,
    });
  }
}

/** The absolute URL of a service request (exported for other session implementations). */
export function requestUrl(endpoint: string, service: ServiceType, request: ServiceRequest): string {
  const base =
    request.base === 'endpoint'
      ? endpoint
      : request.base === 'versionless'
        ? versionlessUrl(endpoint)
        : resourceBaseUrl(service, endpoint);
  let url: URL;
  if (/^https?:\/\//.test(request.path) || request.path.startsWith('/')) {
    const link = new URL(request.path, base);
    url = new URL(`${link.pathname}${link.search}`, new URL(base).origin);
  } else {
    url = new URL(request.path, base);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.append(key, String(value));
  }
  return url.toString();
}
