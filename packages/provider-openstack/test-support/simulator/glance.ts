import { ApiError, glanceErrorBody } from './errors.js';
import { ok, type RequestContext, route } from './router.js';
import type { SimulatorRuntime } from './runtime.js';
import type { ServiceDefinition } from './service.js';
import { isoSeconds } from './timestamps.js';

/** An image to seed or add (`cloud.addImage`). */
export interface SimulatorImage {
  readonly name: string;
  readonly tags?: readonly string[];
  /** Extra top-level properties, e.g. `{ os_type: 'linux' }`. */
  readonly properties?: Readonly<Record<string, string>>;
  readonly minDiskGiB?: number;
  readonly sizeBytes?: number;
  readonly visibility?: 'public' | 'private' | 'shared' | 'community';
  readonly status?: 'active' | 'queued' | 'deactivated';
}

/** Images a fresh simulator holds (the names CAPO's e2e configuration uses). */
export const defaultImages: readonly SimulatorImage[] = [
  { name: 'ubuntu-2404-kube-v1.35.0', properties: { os_type: 'linux', os_distro: 'ubuntu' }, minDiskGiB: 10 },
  { name: 'cirros-0.6.1', properties: { os_type: 'linux' } },
];

/** A Glance v2 image as Glance returns it (properties flattened into the top level). */
export type ImageRecord = Record<string, unknown> & {
  readonly id: string;
  name: string;
  owner: string;
  tags: string[];
};

/** Inserts an image owned by `ownerProjectId`. */
export function insertImage(runtime: SimulatorRuntime, image: SimulatorImage, ownerProjectId: string): ImageRecord {
  const id = runtime.ids.uuid();
  const now = isoSeconds(runtime.clock.now());
  const size = image.sizeBytes ?? 21_430_272;
  const record: ImageRecord = {
    ...image.properties,
    id,
    name: image.name,
    status: image.status ?? 'active',
    visibility: image.visibility ?? 'public',
    protected: false,
    os_hidden: false,
    tags: [...(image.tags ?? [])],
    container_format: 'bare',
    disk_format: 'qcow2',
    min_disk: image.minDiskGiB ?? 0,
    min_ram: 0,
    size,
    virtual_size: null,
    checksum: runtime.ids.hex(32),
    os_hash_algo: 'sha512',
    os_hash_value: runtime.ids.hex(128),
    owner: ownerProjectId,
    created_at: now,
    updated_at: now,
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
  };
  runtime.state.images.set(id, record);
  return record;
}

const paging = new Set(['limit', 'marker', 'sort', 'sort_key', 'sort_dir']);

function visibleImage(context: RequestContext, image: ImageRecord): boolean {
  return image.visibility === 'public' || image.visibility === 'community' || image.owner === context.token?.projectId;
}

function notFound(id: string): ApiError {
  return new ApiError(404, `No image found with ID ${id}`);
}

/** The simulated Glance v2 (image list with filters and pagination, image show), served below `/image`. */
export function glanceService(runtime: SimulatorRuntime): ServiceDefinition {
  return {
    name: 'image',
    prefix: '/image',
    formatError: glanceErrorBody,
    routes: [
      route(
        'GET',
        '/',
        () => ({
          status: 300,
          body: {
            versions: [
              { id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${runtime.serviceUrl('image')}/v2/` }] },
            ],
          },
        }),
        { public: true },
      ),
      route('GET', '/v2/images', (context) => {
        const { query } = context;
        // Newest first, as Glance sorts by created_at descending by default.
        let images = [...runtime.state.images.values()].reverse().filter((image) => visibleImage(context, image));
        if (!query.has('os_hidden')) images = images.filter((image) => image.os_hidden !== true);
        const tags = query.getAll('tag');
        images = images.filter((image) => tags.every((tag) => image.tags.includes(tag)));
        for (const name of new Set(query.keys())) {
          if (name === 'tag' || paging.has(name)) continue;
          const values = query
            .getAll(name)
            .flatMap((value) => (value.startsWith('in:') ? value.slice(3).split(',') : [value]));
          images = images.filter((image) => values.some((value) => String(image[name]) === value));
        }
        const marker = query.get('marker');
        if (marker) {
          const index = images.findIndex((image) => image.id === marker);
          if (index < 0) throw new ApiError(400, `marker [${marker}] not found`);
          images = images.slice(index + 1);
        }
        const limit = Number(query.get('limit') ?? 25);
        const body: Record<string, unknown> = {
          images: images.slice(0, limit),
          first: '/v2/images',
          schema: '/v2/schemas/images',
        };
        if (images.length > limit) {
          const next = new URLSearchParams(query);
          next.set('marker', images[limit - 1]!.id);
          body.next = `/v2/images?${next.toString()}`;
        }
        return ok(body);
      }),
      route('GET', '/v2/images/{id}', (context) => {
        const image = runtime.state.images.get(context.params.id!);
        if (!image || !visibleImage(context, image)) throw notFound(context.params.id!);
        return ok(image);
      }),
    ],
  };
}
