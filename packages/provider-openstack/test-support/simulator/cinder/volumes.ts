import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { accepted, ok, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoMicrosNoZone } from '../timestamps.js';
import type { VolumeRecord, VolumeTypeRecord } from './records.js';

const deletableStatuses = new Set(['available', 'error', 'error_restoring', 'error_extending', 'error_managing']);
const createAttributes = new Set([
  'name',
  'description',
  'size',
  'imageRef',
  'availability_zone',
  'volume_type',
  'metadata',
  'multiattach',
  'snapshot_id',
  'source_volid',
  'consistencygroup_id',
  'group_id',
  'backup_id',
]);

/** Decides whether a volume's creation fails (→ `error`); set with `cloud.setFailurePolicy`. */
export type VolumeFailurePolicy = (volume: { name: string; size: number }) => boolean;

/** A project's volume (404 `itemNotFound` otherwise). */
export function findVolume(runtime: SimulatorRuntime, id: string, context: RequestContext): VolumeRecord {
  const volume = runtime.state.volume.volumes.get(id);
  if (!volume || (!isAdmin(context.token) && volume.projectId !== context.token?.projectId)) {
    throw new ApiError(404, `Volume ${id} could not be found.`);
  }
  return volume;
}

function findType(runtime: SimulatorRuntime, reference: unknown): VolumeTypeRecord {
  const types = [...runtime.state.volume.types.values()];
  if (reference === undefined || reference === null) return types[0]!;
  const found = types.find((type) => type.id === reference || type.name === reference);
  if (!found) throw new ApiError(404, `Volume type with name ${String(reference)} could not be found.`);
  return found;
}

/** Whether the type declares `multiattach="<is> True"`. */
export function typeIsMultiattach(type: VolumeTypeRecord): boolean {
  return type.extra_specs.multiattach === '<is> True';
}

/** The volume as Cinder shows it in `GET /volumes/{id}` and `/volumes/detail`. */
export function volumeView(runtime: SimulatorRuntime, volume: VolumeRecord, admin: boolean): Record<string, unknown> {
  const self = `${runtime.serviceUrl('volume')}/v3/${volume.projectId}/volumes/${volume.id}`;
  const view: Record<string, unknown> = {
    id: volume.id,
    name: volume.name,
    description: volume.description,
    size: volume.size,
    status: volume.status,
    availability_zone: volume.availability_zone,
    volume_type: volume.volume_type,
    bootable: volume.bootable,
    encrypted: false,
    multiattach: volume.multiattach,
    attachments: volume.attachments,
    metadata: volume.metadata,
    snapshot_id: null,
    source_volid: null,
    consistencygroup_id: null,
    replication_status: null,
    user_id: volume.userId,
    created_at: volume.created_at,
    updated_at: volume.updated_at,
    links: [
      { rel: 'self', href: self },
      { rel: 'bookmark', href: self },
    ],
  };
  if (volume.imageId) view.volume_image_metadata = { image_id: volume.imageId };
  if (admin) view['os-vol-tenant-attr:tenant_id'] = volume.projectId;
  return view;
}

function touch(runtime: SimulatorRuntime, volume: VolumeRecord): void {
  volume.updated_at = isoMicrosNoZone(runtime.clock.now());
}

/** Marks a volume attached to a server (`in-use`). */
export function attachVolume(runtime: SimulatorRuntime, volume: VolumeRecord, serverId: string, device: string): void {
  const attachmentId = runtime.ids.uuid();
  volume.attachments.push({
    id: volume.id,
    attachment_id: attachmentId,
    volume_id: volume.id,
    server_id: serverId,
    host_name: null,
    device,
    attached_at: isoMicrosNoZone(runtime.clock.now()),
  });
  volume.status = 'in-use';
  touch(runtime, volume);
}

/** Detaches a volume from a server; it becomes `available` when no attachment remains. */
export function detachVolume(runtime: SimulatorRuntime, volume: VolumeRecord, serverId: string): void {
  volume.attachments = volume.attachments.filter((attachment) => attachment.server_id !== serverId);
  if (volume.attachments.length === 0 && volume.status === 'in-use') volume.status = 'available';
  touch(runtime, volume);
}

/** Starts deleting a volume: `deleting`, gone after `delays.volumeDeleteMs`. */
export function beginVolumeDeletion(runtime: SimulatorRuntime, volume: VolumeRecord): void {
  volume.status = 'deleting';
  touch(runtime, volume);
  runtime.clock.schedule(runtime.delays.volumeDeleteMs, () => runtime.state.volume.volumes.delete(volume.id));
}

function usage(runtime: SimulatorRuntime, projectId: string): { volumes: number; gigabytes: number } {
  let volumes = 0;
  let gigabytes = 0;
  for (const volume of runtime.state.volume.volumes.values()) {
    if (volume.projectId !== projectId) continue;
    volumes++;
    gigabytes += volume.size;
  }
  return { volumes, gigabytes };
}

/** Cinder's quota usage of a project (volumes and gigabytes). */
export function volumeUsage(runtime: SimulatorRuntime, projectId: string): Record<string, number> {
  return usage(runtime, projectId);
}

/**
 * Creates a volume in `creating` that becomes `available` (or `error` under the failure policy) after
 * `delays.volumeCreateMs`. Used by the API and by Nova for image-to-volume block device mappings.
 */
export function createVolume(
  runtime: SimulatorRuntime,
  projectId: string,
  userId: string,
  body: Record<string, unknown>,
  failurePolicy: () => VolumeFailurePolicy | undefined,
): VolumeRecord {
  const size = body.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw new ApiError(
      400,
      `Invalid input received: Volume size '${String(size)}' must be an integer and greater than 0.`,
    );
  }
  let imageId: string | undefined;
  if (body.imageRef !== undefined && body.imageRef !== null && body.imageRef !== '') {
    const image = runtime.state.images.get(String(body.imageRef));
    if (!image) throw new ApiError(400, 'Invalid image identifier or unable to access requested image.');
    if (size < Number(image.min_disk ?? 0)) {
      throw new ApiError(
        400,
        `Invalid input received: Volume size ${size}GB cannot be smaller than the image minDisk size ${String(image.min_disk)}GB.`,
      );
    }
    imageId = image.id;
  }
  const zone = body.availability_zone ?? runtime.state.volume.availabilityZones[0];
  if (!runtime.state.volume.availabilityZones.includes(String(zone))) {
    throw new ApiError(400, `Invalid input received: Availability zone '${String(zone)}' is invalid.`);
  }
  const type = findType(runtime, body.volume_type);
  const current = usage(runtime, projectId);
  if (runtime.quotas.exceeds(projectId, 'volume.volumes', current.volumes)) {
    const limit = runtime.quotas.limit(projectId, 'volume.volumes');
    throw new ApiError(
      413,
      `VolumeLimitExceeded: Maximum number of volumes allowed (${limit}) exceeded for quota 'volumes'.`,
    );
  }
  if (runtime.quotas.exceeds(projectId, 'volume.gigabytes', current.gigabytes, size)) {
    const limit = runtime.quotas.limit(projectId, 'volume.gigabytes');
    throw new ApiError(
      413,
      `VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested ${size}G, quota is ${limit}G and ${current.gigabytes}G has been consumed.`,
    );
  }
  const volume: VolumeRecord = {
    id: runtime.ids.uuid(),
    projectId,
    userId,
    name: typeof body.name === 'string' ? body.name : '',
    description: typeof body.description === 'string' ? body.description : null,
    size,
    status: 'creating',
    availability_zone: String(zone),
    volume_type: type.name,
    bootable: imageId ? 'true' : 'false',
    multiattach: typeIsMultiattach(type) || body.multiattach === true,
    attachments: [],
    metadata: (body.metadata as Record<string, string> | undefined) ?? {},
    imageId,
    created_at: isoMicrosNoZone(runtime.clock.now()),
    updated_at: null,
  };
  runtime.state.volume.volumes.set(volume.id, volume);
  runtime.clock.schedule(runtime.delays.volumeCreateMs, () => {
    if (volume.status !== 'creating') return;
    volume.status = failurePolicy()?.({ name: volume.name, size: volume.size }) ? 'error' : 'available';
    touch(runtime, volume);
  });
  return volume;
}

function checkProjectInPath(context: RequestContext): void {
  if (context.params.project !== context.token?.projectId && !isAdmin(context.token)) {
    throw new ApiError(400, 'Malformed request url');
  }
}

/** Routes of `/v3/{project}/volumes`. */
export function volumeRoutes(runtime: SimulatorRuntime, failurePolicy: () => VolumeFailurePolicy | undefined): Route[] {
  const listed = (context: RequestContext) => {
    checkProjectInPath(context);
    const { query } = context;
    const allTenants = isAdmin(context.token) && ['1', 'true', 'True'].includes(query.get('all_tenants') ?? '');
    let volumes = [...runtime.state.volume.volumes.values()]
      .reverse()
      .filter((volume) => allTenants || volume.projectId === context.params.project);
    for (const name of ['name', 'status', 'availability_zone', 'bootable', 'project_id']) {
      const wanted = query.get(name);
      if (wanted === null) continue;
      volumes = volumes.filter((volume) =>
        name === 'project_id' ? volume.projectId === wanted : String(volume[name as keyof VolumeRecord]) === wanted,
      );
    }
    const marker = query.get('marker');
    if (marker) volumes = volumes.slice(volumes.findIndex((volume) => volume.id === marker) + 1);
    const limit = Number(query.get('limit') ?? 0);
    const page = limit > 0 ? volumes.slice(0, limit) : volumes;
    const links =
      limit > 0 && volumes.length > limit
        ? [
            {
              rel: 'next',
              href: `${context.serviceUrl}${context.path}?limit=${limit}&marker=${page[page.length - 1]!.id}`,
            },
          ]
        : undefined;
    return { page, links };
  };
  return [
    route('GET', '/v3/{project}/volumes', (context) => {
      const { page, links } = listed(context);
      const volumes = page.map((volume) => ({
        id: volume.id,
        name: volume.name,
        links: volumeView(runtime, volume, false).links,
      }));
      return ok(links ? { volumes, volumes_links: links } : { volumes });
    }),
    route('GET', '/v3/{project}/volumes/detail', (context) => {
      const { page, links } = listed(context);
      const volumes = page.map((volume) => volumeView(runtime, volume, isAdmin(context.token)));
      return ok(links ? { volumes, volumes_links: links } : { volumes });
    }),
    route('GET', '/v3/{project}/volumes/{id}', (context) => {
      checkProjectInPath(context);
      return ok({
        volume: volumeView(runtime, findVolume(runtime, context.params.id!, context), isAdmin(context.token)),
      });
    }),
    route('POST', '/v3/{project}/volumes', (context) => {
      checkProjectInPath(context);
      const body = (context.body as { volume?: Record<string, unknown> } | undefined)?.volume;
      if (!body || typeof body !== 'object')
        throw new ApiError(400, "Missing required element 'volume' in request body.");
      const unknown = Object.keys(body).filter((key) => !createAttributes.has(key));
      if (unknown.length > 0) {
        throw new ApiError(
          400,
          `Invalid input for field/attribute volume. Additional properties are not allowed (${unknown.map((key) => `'${key}'`).join(', ')} ${unknown.length > 1 ? 'were' : 'was'} unexpected)`,
        );
      }
      const token = context.token!;
      const volume = createVolume(runtime, token.projectId!, token.userId, body, failurePolicy);
      return accepted({ volume: volumeView(runtime, volume, isAdmin(token)) });
    }),
    route('DELETE', '/v3/{project}/volumes/{id}', (context) => {
      checkProjectInPath(context);
      const volume = findVolume(runtime, context.params.id!, context);
      if (!deletableStatuses.has(volume.status) || volume.attachments.length > 0) {
        throw new ApiError(
          400,
          'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.',
        );
      }
      beginVolumeDeletion(runtime, volume);
      return accepted();
    }),
  ];
}
