import type { OpenStackSimulator } from '../../test-support/index.js';
import type { TestCloudPasswordCredentials } from '../../test-support/test-cloud.js';

/** A response as the tests look at it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests index freely into JSON answers
  readonly body: any;
}

/** Sends a JSON request with plain fetch. */
export async function call(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers['X-Auth-Token'] = options.token;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Password-authenticates a seeded user scoped to its project. */
export async function login(cloud: OpenStackSimulator, user: TestCloudPasswordCredentials): Promise<Session> {
  const answer = await call('POST', `${cloud.authUrl}/auth/tokens`, {
    body: {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user.username, domain: { name: user.userDomainName }, password: user.password } },
        },
        scope: { project: { name: user.projectName, domain: { name: user.projectDomainName } } },
      },
    },
  });
  if (answer.status !== 201) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return new Session(answer.headers.get('x-subject-token')!, answer.body.token);
}

/** A token plus its catalog, with helpers to call a service by catalog type. */
export class Session {
  constructor(
    readonly token: string,
    // biome-ignore lint/suspicious/noExplicitAny: token body as returned by Keystone
    readonly body: any,
  ) {}

  /** The token's project ID. */
  get projectId(): string {
    return this.body.project.id;
  }

  /** Public endpoint URL of a catalog type. */
  endpoint(type: string): string {
    // biome-ignore lint/suspicious/noExplicitAny: catalog JSON
    const service = this.body.catalog.find((entry: any) => entry.type === type);
    // biome-ignore lint/suspicious/noExplicitAny: catalog JSON
    return service.endpoints.find((endpoint: any) => endpoint.interface === 'public').url;
  }

  /** Calls `<endpoint of type><path>`. */
  request(
    type: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer> {
    return call(method, `${this.endpoint(type)}${path}`, { token: this.token, body, headers });
  }

  /** Nova at a microversion (both headers, as gophercloud sends them): `<compute endpoint><path>`. */
  compute(method: string, path: string, body?: unknown, microversion = '2.38'): Promise<Answer> {
    return this.request('compute', method, path, body, {
      'OpenStack-API-Version': `compute ${microversion}`,
      'X-OpenStack-Nova-API-Version': microversion,
    });
  }

  /** Cinder: `<block-storage endpoint><path>`. */
  volume(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.request('block-storage', method, path, body);
  }

  /** Octavia: `<load-balancer endpoint>/v2.0/lbaas<path>`. */
  lbaas(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.request('load-balancer', method, `/v2.0/lbaas${path}`, body);
  }

  /** Neutron: `<network endpoint>/v2.0<path>`. */
  network(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.request('network', method, `/v2.0${path}`, body);
  }
}
