import type { IncomingHttpHeaders } from 'node:http';
import { instancePath } from './instances.js';
import type { IncusRequest, IncusTransport } from './transport.js';

/** Kind of filesystem entry handled by the files API. */
export type InstanceFileType = 'file' | 'directory' | 'symlink';

/** Ownership, mode and write semantics of a pushed file. */
export interface PushFileOptions {
  uid?: number;
  gid?: number;
  /** Permission bits, e.g. `0o644` (default) or `0o755`. */
  mode?: number;
  /** `symlink` takes the link target as content; `directory` ignores content. */
  type?: InstanceFileType;
  /** `overwrite` (default) or `append`. */
  write?: 'overwrite' | 'append';
  signal?: AbortSignal;
}

/** A pulled file (or directory listing) with its ownership and mode. */
export interface PulledFile {
  type: InstanceFileType;
  uid: number;
  gid: number;
  mode: number;
  /** File content; for a symlink, its target. */
  content: Buffer;
  /** Entry names when `type` is `directory`. */
  entries?: string[];
}

/** `/1.0/instances/<name>/files`: reading and writing files inside an instance, running or stopped. */
export class InstanceFilesApi {
  constructor(
    private readonly transport: IncusTransport,
    private readonly lxdCompatibleHeaders: boolean,
  ) {}

  /** `GET .../files?path=`: a file's content or a directory's entries. */
  async pull(instance: string, path: string, signal?: AbortSignal): Promise<PulledFile> {
    const request: IncusRequest = { method: 'GET', path: `${instancePath(instance)}/files`, query: { path }, signal };
    const response = await this.transport.raw(request);
    this.transport.checkRaw(response, request);
    const type = (header(response.headers, 'type') ?? 'file') as InstanceFileType;
    const pulled: PulledFile = {
      type,
      uid: Number(header(response.headers, 'uid') ?? 0),
      gid: Number(header(response.headers, 'gid') ?? 0),
      mode: Number.parseInt(header(response.headers, 'mode') ?? '0', 8),
      content: response.body,
    };
    if (type === 'directory') {
      const listing = JSON.parse(response.body.toString('utf8')) as { metadata?: string[] };
      pulled.entries = listing.metadata ?? [];
    }
    return pulled;
  }

  /** `POST .../files?path=`: creates or replaces a file, directory or symlink. Parent directories must exist. */
  async push(instance: string, path: string, content: string | Buffer, options: PushFileOptions = {}): Promise<void> {
    const type = options.type ?? 'file';
    const values: Record<string, string> = {
      uid: String(options.uid ?? 0),
      gid: String(options.gid ?? 0),
      mode: (options.mode ?? (type === 'directory' ? 0o755 : 0o644)).toString(8).padStart(4, '0'),
      type,
      write: options.write ?? 'overwrite',
    };
    const request: IncusRequest = {
      method: 'POST',
      path: `${instancePath(instance)}/files`,
      query: { path },
      body: Buffer.from(type === 'directory' ? '' : content),
      headers: this.fileHeaders(values),
      signal: options.signal,
    };
    const response = await this.transport.raw(request);
    this.transport.checkRaw(response, request);
  }

  /** `DELETE .../files?path=`. */
  async delete(instance: string, path: string, signal?: AbortSignal): Promise<void> {
    const request: IncusRequest = {
      method: 'DELETE',
      path: `${instancePath(instance)}/files`,
      query: { path },
      signal,
    };
    const response = await this.transport.raw(request);
    this.transport.checkRaw(response, request);
  }

  private fileHeaders(values: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      headers[`X-Incus-${key}`] = value;
      if (this.lxdCompatibleHeaders) headers[`X-LXD-${key}`] = value;
    }
    return headers;
  }
}

function header(headers: IncomingHttpHeaders, key: string): string | undefined {
  const value = headers[`x-incus-${key}`] ?? headers[`x-lxd-${key}`];
  return Array.isArray(value) ? value[0] : value;
}
