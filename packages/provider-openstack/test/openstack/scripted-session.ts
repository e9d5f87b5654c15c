import type { HttpResponse, OpenStackSession, ServiceRequest, ServiceType } from '../../src/openstack/index.js';
import { errorFromResponse, requestUrl } from '../../src/openstack/index.js';

/** A request a {@link ScriptedSession} received, with its absolute URL. */
export interface ScriptedCall {
  service: ServiceType;
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body: unknown;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

/**
 * An {@link OpenStackSession} answering from a script of recorded wire shapes: each call takes the next
 * answer queued for its `METHOD URL` (query included); unknown calls fail the test.
 */
export class ScriptedSession implements OpenStackSession {
  readonly calls: ScriptedCall[] = [];
  private readonly answers = new Map<string, Answer[]>();

  constructor(
    private readonly endpoints: Partial<Record<ServiceType, string>>,
    private readonly project = 'project-1',
  ) {}

  /** Queues an answer for `METHOD url`. */
  on(method: string, url: string, answer: Answer): this {
    const key = `${method} ${url}`;
    this.answers.set(key, [...(this.answers.get(key) ?? []), answer]);
    return this;
  }

  async projectId(): Promise<string> {
    return this.project;
  }

  async request(service: ServiceType, request: ServiceRequest): Promise<HttpResponse> {
    const endpoint = this.endpoints[service];
    if (!endpoint) throw new Error(`no ${service} endpoint in the script`);
    const url = requestUrl(endpoint, service, request);
    this.calls.push({ service, method: request.method, url, headers: { ...request.headers }, body: request.body });
    const key = `${request.method} ${url}`;
    const answer = this.answers.get(key)?.shift();
    if (!answer) throw new Error(`unscripted call ${key}`);
    const headers = new Headers({ 'x-openstack-request-id': 'req-scripted', ...answer.headers });
    const status = answer.status ?? 200;
    if (status >= 400) {
      throw errorFromResponse(
        status,
        headers,
        JSON.stringify(answer.body),
        `${request.method} ${new URL(url).pathname}`,
      );
    }
    return { status, headers, body: answer.body, requestId: 'req-scripted' };
  }
}
