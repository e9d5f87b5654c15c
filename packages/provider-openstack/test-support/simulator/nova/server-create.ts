import { attachVolume, createVolume, type VolumeFailurePolicy } from '../cinder/volumes.js';
import { ApiError } from '../errors.js';
import { atLeast } from '../microversion.js';
import { insertPort } from '../neutron/ports.js';
import type { RequestContext } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import type { ServerPort, ServerRecord, ServerVolume } from './records.js';

type Json = Record<string, unknown>;

const baseAttributes = [
  'name',
  'imageRef',
  'flavorRef',
  'availability_zone',
  'networks',
  'user_data',
  'metadata',
  'config_drive',
  'key_name',
  'block_device_mapping_v2',
  'security_groups',
  'min_count',
  'max_count',
  'return_reservation_id',
  'adminPass',
  'accessIPv4',
  'accessIPv6',
  'OS-DCF:diskConfig',
];
const bdmAttributes = [
  'source_type',
  'destination_type',
  'uuid',
  'boot_index',
  'volume_size',
  'delete_on_termination',
  'device_name',
  'device_type',
  'disk_bus',
  'guest_format',
  'no_device',
  'volume_type',
];

function notAllowed(names: readonly string[]): ApiError {
  const quoted = names.map((name) => `'${name}'`).join(', ');
  return new ApiError(
    400,
    `Invalid input for field/attribute server. Additional properties are not allowed (${quoted} ${names.length > 1 ? 'were' : 'was'} unexpected)`,
  );
}

function allowedAttributes(context: RequestContext): string[] {
  const allowed = [...baseAttributes];
  if (atLeast(context.microversion, '2.19')) allowed.push('description');
  if (atLeast(context.microversion, '2.52')) allowed.push('tags');
  if (atLeast(context.microversion, '2.63')) allowed.push('trusted_image_certificates');
  if (atLeast(context.microversion, '2.74')) allowed.push('host', 'hypervisor_hostname');
  if (!atLeast(context.microversion, '2.57')) allowed.push('personality');
  return allowed;
}

function bdmTagAllowed(context: RequestContext): boolean {
  return (
    atLeast(context.microversion, '2.42') ||
    (atLeast(context.microversion, '2.32') && !atLeast(context.microversion, '2.33'))
  );
}

/** A validated server-create request, before any resource is touched. */
interface CreatePlan {
  readonly name: string;
  readonly flavorId: string;
  readonly imageId: string;
  readonly availabilityZone: string;
  readonly keyName: string | null;
  readonly serverGroupId: string | undefined;
  readonly networks: ReadonlyArray<{ port?: string; uuid?: string; fixed_ip?: string; tag?: string }>;
  readonly blockDevices: readonly Json[];
  readonly securityGroupIds: readonly string[];
}

function validatedNetworks(runtime: SimulatorRuntime, server: Json, context: RequestContext): CreatePlan['networks'] {
  const networks = server.networks;
  if (networks === undefined) {
    if (atLeast(context.microversion, '2.37')) {
      throw new ApiError(400, "Invalid input for field/attribute server. 'networks' is a required property");
    }
    return [];
  }
  if (networks === 'none' || networks === 'auto') return [];
  if (!Array.isArray(networks)) throw new ApiError(400, 'Invalid input for field/attribute networks.');
  const { network } = runtime.state;
  return networks.map((entry: Json) => {
    if (entry.tag !== undefined && !atLeast(context.microversion, '2.32')) throw notAllowed(['tag']);
    if (typeof entry.port === 'string') {
      const port = network.ports.get(entry.port);
      if (!port || (port.project_id !== context.token?.projectId && !context.token?.roles.includes('admin'))) {
        throw new ApiError(400, `Port id ${entry.port} could not be found.`);
      }
      if (port.device_id !== '') throw new ApiError(409, `Port ${entry.port} is still in use.`);
      return { port: entry.port, tag: entry.tag as string | undefined };
    }
    if (typeof entry.uuid === 'string') {
      if (!network.networks.has(entry.uuid)) throw new ApiError(400, `Network ${entry.uuid} could not be found.`);
      return { uuid: entry.uuid, fixed_ip: entry.fixed_ip as string | undefined, tag: entry.tag as string | undefined };
    }
    throw new ApiError(400, 'Bad networks format: network uuid is not in proper format (None)');
  });
}

function validatedBlockDevices(runtime: SimulatorRuntime, server: Json, context: RequestContext): Json[] {
  const mappings = server.block_device_mapping_v2;
  if (mappings === undefined) return [];
  if (!Array.isArray(mappings)) throw new ApiError(400, 'Invalid input for field/attribute block_device_mapping_v2.');
  for (const mapping of mappings as Json[]) {
    const allowed = bdmTagAllowed(context) ? [...bdmAttributes, 'tag'] : bdmAttributes;
    const unknown = Object.keys(mapping).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw notAllowed(unknown);
    if (mapping.source_type === 'volume') {
      const volume = runtime.state.volume.volumes.get(String(mapping.uuid));
      if (!volume || volume.projectId !== context.token?.projectId) {
        throw new ApiError(400, `Block Device Mapping is Invalid: failed to get volume ${String(mapping.uuid)}.`);
      }
      if (volume.multiattach && !atLeast(context.microversion, '2.60')) {
        throw new ApiError(400, 'Multiattach volumes are only supported starting with compute API version 2.60.');
      }
      if (volume.status !== 'available' && !(volume.status === 'in-use' && volume.multiattach)) {
        throw new ApiError(
          400,
          `Invalid volume: volume '${volume.id}' status must be 'available'. Currently in '${volume.status}'`,
        );
      }
    }
    if (mapping.source_type === 'image' && !runtime.state.images.has(String(mapping.uuid))) {
      throw new ApiError(400, `Block Device Mapping is Invalid: failed to get image ${String(mapping.uuid)}.`);
    }
  }
  return mappings as Json[];
}

function checkQuota(runtime: SimulatorRuntime, projectId: string, vcpus: number, ram: number): void {
  let instances = 0;
  let cores = 0;
  let usedRam = 0;
  for (const server of runtime.state.compute.servers.values()) {
    if (server.projectId !== projectId) continue;
    const flavor = runtime.state.compute.flavors.get(server.flavorId);
    instances++;
    cores += flavor?.vcpus ?? 0;
    usedRam += flavor?.ram ?? 0;
  }
  for (const [resource, used, requested] of [
    ['instances', instances, 1],
    ['cores', cores, vcpus],
    ['ram', usedRam, ram],
  ] as const) {
    if (runtime.quotas.exceeds(projectId, `compute.${resource}`, used, requested)) {
      const limit = runtime.quotas.limit(projectId, `compute.${resource}`);
      throw new ApiError(
        403,
        `Quota exceeded for ${resource}: Requested ${requested}, but already used ${used} of ${limit} ${resource}`,
      );
    }
  }
}

/** Validates a `POST /servers` body completely (400/403/409 as Nova answers) without changing anything. */
export function planServer(runtime: SimulatorRuntime, body: unknown, context: RequestContext): CreatePlan {
  const server = (body as { server?: unknown } | undefined)?.server as Json | undefined;
  if (!server || typeof server !== 'object')
    throw new ApiError(400, "Invalid input for field/attribute server. Value: None. None is not of type 'object'");
  const unknown = Object.keys(server).filter((key) => !allowedAttributes(context).includes(key));
  if (unknown.length > 0) throw notAllowed(unknown);
  if (typeof server.name !== 'string' || server.name.trim() === '' || server.name.length > 255) {
    throw new ApiError(400, "Invalid input for field/attribute name. Value: None. None is not of type 'string'");
  }
  const { compute } = runtime.state;
  const flavor = compute.flavors.get(String(server.flavorRef));
  if (!flavor) throw new ApiError(400, 'Invalid flavorRef provided.');
  const blockDevices = validatedBlockDevices(runtime, server, context);
  const bootDevice = blockDevices.find((mapping) => Number(mapping.boot_index) === 0);
  let imageId = typeof server.imageRef === 'string' ? server.imageRef : '';
  if (bootDevice?.source_type === 'image' && bootDevice.destination_type === 'local') imageId = String(bootDevice.uuid);
  if (imageId !== '' && !runtime.state.images.has(imageId)) throw new ApiError(400, 'Can not find requested image');
  if (imageId === '' && !bootDevice) {
    throw new ApiError(
      400,
      'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.',
    );
  }
  const zone =
    typeof server.availability_zone === 'string' && server.availability_zone !== ''
      ? server.availability_zone
      : compute.availabilityZones[0]!;
  if (!compute.availabilityZones.includes(zone))
    throw new ApiError(400, 'The requested availability zone is not available');
  const keyName = typeof server.key_name === 'string' ? server.key_name : null;
  if (keyName !== null && !compute.keyPairs.has(`${context.token?.userId}/${keyName}`)) {
    throw new ApiError(400, 'Invalid key_name provided.');
  }
  if (
    server.user_data !== undefined &&
    (typeof server.user_data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(server.user_data))
  ) {
    throw new ApiError(
      400,
      "Invalid input for field/attribute user_data. Value: not base64. 'not base64' is not a 'base64'",
    );
  }
  const tags = server.tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.length > 50)) {
    throw new ApiError(400, 'Invalid input for field/attribute tags. Value: too many tags.');
  }
  const hints = (body as Json)['os:scheduler_hints'] as Json | undefined;
  const groupId = typeof hints?.group === 'string' ? hints.group : undefined;
  if (groupId !== undefined && !compute.serverGroups.has(groupId)) {
    throw new ApiError(400, `Invalid input for field/attribute group. Value: ${groupId}.`);
  }
  const securityGroupIds = ((server.security_groups as Json[] | undefined) ?? []).map((reference) => {
    const group = [...runtime.state.network.securityGroups.values()].find(
      (candidate) =>
        candidate.project_id === context.token?.projectId &&
        (candidate.name === reference.name || candidate.id === reference.name),
    );
    if (!group)
      throw new ApiError(
        400,
        `Security group ${String(reference.name)} not found for project ${context.token?.projectId}.`,
      );
    return group.id;
  });
  checkQuota(runtime, context.token!.projectId!, flavor.vcpus, flavor.ram);
  return {
    name: server.name,
    flavorId: flavor.id,
    imageId,
    availabilityZone: zone,
    keyName,
    serverGroupId: groupId,
    networks: validatedNetworks(runtime, server, context),
    blockDevices,
    securityGroupIds,
  };
}

function deviceName(index: number): string {
  return `/dev/vd${String.fromCharCode('a'.charCodeAt(0) + index)}`;
}

/** Creates the server record of a validated plan: binds/creates its ports and attaches/creates its volumes. */
export function createServer(
  runtime: SimulatorRuntime,
  plan: CreatePlan,
  body: Json,
  context: RequestContext,
  volumeFailures: () => VolumeFailurePolicy | undefined,
): ServerRecord {
  const token = context.token!;
  const projectId = token.projectId!;
  const server = body.server as Json;
  const id = runtime.ids.uuid();
  const host = `${plan.availabilityZone}-compute-1`;
  const now = isoSeconds(runtime.clock.now());
  const ports: ServerPort[] = plan.networks.map((entry) => {
    if (entry.port) return { portId: entry.port, createdByNova: false, tag: entry.tag };
    const created = insertPort(runtime, projectId, {
      network_id: entry.uuid,
      ...(entry.fixed_ip ? { fixed_ips: [{ ip_address: entry.fixed_ip }] } : {}),
      ...(plan.securityGroupIds.length > 0 ? { security_groups: plan.securityGroupIds } : {}),
    });
    return { portId: created.id, createdByNova: true, tag: entry.tag };
  });
  for (const { portId } of ports) {
    const port = runtime.state.network.ports.get(portId)!;
    port.device_id = id;
    port.device_owner = `compute:${plan.availabilityZone}`;
    port['binding:host_id'] = host;
    port['binding:vif_type'] = 'ovs';
  }
  const volumes: ServerVolume[] = [];
  plan.blockDevices.forEach((mapping, index) => {
    if (mapping.destination_type !== 'volume') return;
    const deleteOnTermination = mapping.delete_on_termination === true;
    const tag = typeof mapping.tag === 'string' ? mapping.tag : undefined;
    const volume =
      mapping.source_type === 'volume'
        ? runtime.state.volume.volumes.get(String(mapping.uuid))!
        : createVolume(
            runtime,
            projectId,
            token.userId,
            {
              size: mapping.volume_size,
              ...(mapping.source_type === 'image' ? { imageRef: mapping.uuid } : {}),
              availability_zone: runtime.state.volume.availabilityZones[0],
              volume_type: mapping.volume_type,
            },
            volumeFailures,
          );
    const device = deviceName(index);
    attachVolume(runtime, volume, id, device);
    volumes.push({ volumeId: volume.id, device, deleteOnTermination, tag });
  });
  const record: ServerRecord = {
    id,
    projectId,
    userId: token.userId,
    name: plan.name,
    status: 'BUILD',
    vmState: 'building',
    taskState: 'scheduling',
    powerState: 0,
    flavorId: plan.flavorId,
    imageId: plan.imageId,
    availabilityZone: plan.availabilityZone,
    keyName: plan.keyName,
    metadata: { ...((server.metadata as Record<string, string> | undefined) ?? {}) },
    tags: [...((server.tags as string[] | undefined) ?? [])],
    configDrive: server.config_drive === true,
    userData: server.user_data as string | undefined,
    hostId: runtime.ids.hex(56),
    host,
    created: now,
    updated: now,
    launchedAt: null,
    fault: undefined,
    ports,
    volumes,
    serverGroupId: plan.serverGroupId,
    adminPass: runtime.ids.hex(12),
  };
  runtime.state.compute.servers.set(id, record);
  if (plan.serverGroupId) runtime.state.compute.serverGroups.get(plan.serverGroupId)?.members.push(id);
  return record;
}
