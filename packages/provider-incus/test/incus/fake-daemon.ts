import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A request as the fake daemon saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What the fake daemon answers: a status, headers and a body (objects are sent as JSON). */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Routes answer by `METHOD /path` (query excluded); unknown routes get a 404 error envelope. */
export type FakeRoutes = Record<string, (request: RecordedRequest) => FakeResponse>;

/** Sync success envelope. */
export function syncResponse(metadata: unknown): FakeResponse {
  return { body: { type: 'sync', status: 'Success', status_code: 200, metadata } };
}

/** Async envelope announcing an operation. */
export function asyncResponse(operation: Record<string, unknown>): FakeResponse {
  return {
    status: 202,
    body: {
      type: 'async',
      status: 'Operation created',
      status_code: 100,
      operation: `/1.0/operations/${operation.id}`,
      metadata: operation,
    },
  };
}

/** Error envelope. */
export function errorResponse(code: number, error: string): FakeResponse {
  return { status: code, body: { type: 'error', error, error_code: code } };
}

/** An operation object with defaults. */
export function operation(
  id: string,
  statusCode: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    class: 'task',
    description: 'test',
    status: statusCode === 200 ? 'Success' : 'Running',
    status_code: statusCode,
    resources: null,
    metadata: null,
    may_cancel: false,
    err: '',
    location: 'none',
    created_at: '',
    updated_at: '',
    ...extra,
  };
}

/** An HTTP server on a unix socket that records requests and answers from routes. */
export class FakeDaemon {
  readonly requests: RecordedRequest[] = [];
  routes: FakeRoutes = {};

  private constructor(
    private readonly server: http.Server,
    readonly socketPath: string,
    private readonly directory: string,
  ) {}

  static async start(): Promise<FakeDaemon> {
    const directory = await mkdtemp(join(tmpdir(), 'fake-incus-'));
    const socketPath = join(directory, 'unix.socket');
    let daemon: FakeDaemon | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => daemon?.answer(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    daemon = new FakeDaemon(server, socketPath, directory);
    return daemon;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.directory, { recursive: true, force: true });
  }

  private answer(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const route = this.routes[`${recorded.method} ${decodeURIComponent(recorded.path)}`];
    const response = route ? route(recorded) : errorResponse(404, 'not found');
    const payload = Buffer.isBuffer(response.body) ? response.body : Buffer.from(JSON.stringify(response.body));
    res.writeHead(response.status ?? 200, response.headers);
    res.end(payload);
  }
}
