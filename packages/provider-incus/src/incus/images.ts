import type { Image, ImageAlias, ImageAliasesPost } from './api/image.js';
import type { OperationOptions, OperationsApi } from './operations.js';
import { type IncusTransport, segment } from './transport.js';

/** `/1.0/images` and `/1.0/images/aliases`: the local image store. */
export class ImagesApi {
  constructor(
    private readonly transport: IncusTransport,
    private readonly operations: OperationsApi,
  ) {}

  /** `GET /1.0/images?recursion=1`. */
  list(signal?: AbortSignal): Promise<Image[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/images', query: { recursion: 1 }, signal });
  }

  /** `GET /1.0/images/<fingerprint>`. */
  get(fingerprint: string, signal?: AbortSignal): Promise<Image> {
    return this.transport.sync({ method: 'GET', path: `/1.0/images/${segment(fingerprint)}`, signal });
  }

  /** `DELETE /1.0/images/<fingerprint>`. */
  async delete(fingerprint: string, options: OperationOptions = {}): Promise<void> {
    const op = await this.transport.async({
      method: 'DELETE',
      path: `/1.0/images/${segment(fingerprint)}`,
      signal: options.signal,
    });
    await this.operations.settle(op, options);
  }

  /** `GET /1.0/images/aliases?recursion=1`. */
  listAliases(signal?: AbortSignal): Promise<ImageAlias[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/images/aliases', query: { recursion: 1 }, signal });
  }

  /** `GET /1.0/images/aliases/<name>` (alias names may contain `/`). */
  getAlias(name: string, signal?: AbortSignal): Promise<ImageAlias> {
    return this.transport.sync({ method: 'GET', path: aliasPath(name), signal });
  }

  /** `POST /1.0/images/aliases`. */
  async createAlias(alias: ImageAliasesPost, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'POST', path: '/1.0/images/aliases', body: alias, signal });
  }

  /** `DELETE /1.0/images/aliases/<name>`. */
  async deleteAlias(name: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: aliasPath(name), signal });
  }
}

function aliasPath(name: string): string {
  return `/1.0/images/aliases/${name.split('/').map(segment).join('/')}`;
}
