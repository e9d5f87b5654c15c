import { z } from 'zod';
import { FilterMatchError } from '../errors.js';
import { parseResponse } from '../http/parse.js';
import { type ComputeApi, computeRequest, novaMicroversions } from './microversion.js';

const addressSchema = z.object({
  addr: z.string(),
  version: z.number(),
  'OS-EXT-IPS:type': z.string().optional(),
  'OS-EXT-IPS-MAC:mac_addr': z.string().optional(),
});

/** A Nova server, with the fields CAPO reads. */
export const serverSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  key_name: z.string().nullish(),
  'OS-EXT-AZ:availability_zone': z.string().nullish(),
  addresses: z.record(z.string(), z.array(addressSchema)).default({}),
  metadata: z.record(z.string(), z.string()).default({}),
  tags: z.array(z.string()).optional(),
  fault: z.object({ code: z.number().optional(), message: z.string(), details: z.string().optional() }).optional(),
});

export type Server = z.infer<typeof serverSchema>;

/** One `block_device_mapping_v2` entry (wire names). */
export interface BlockDeviceMapping {
  readonly source_type: 'image' | 'volume' | 'blank';
  readonly destination_type: 'local' | 'volume';
  readonly uuid?: string;
  readonly boot_index: number;
  readonly delete_on_termination: boolean;
  readonly volume_size?: number;
  readonly tag?: string;
}

/** What `POST /servers` needs; gophercloud's `CreateOpts` with key pair and scheduler hints. */
export interface ServerCreateRequest {
  readonly name: string;
  /** Image ID; empty when booting from volume (still sent, as gophercloud does). */
  readonly imageRef: string;
  readonly flavorRef: string;
  readonly availabilityZone?: string | undefined;
  readonly portIds: readonly string[];
  /** Base64 user data. */
  readonly userData?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly configDrive?: boolean | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly keyName?: string | undefined;
  readonly blockDevices?: readonly BlockDeviceMapping[] | undefined;
  /** Server group UUID. */
  readonly serverGroupId?: string | undefined;
  readonly additionalSchedulerHints?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Whether an attached volume is multiattach (needs 2.60). */
  readonly multiattach?: boolean | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The microversion a create needs: 2.60 for multiattach, 2.53 for server or device tags, else 2.38. */
export function serverCreateMicroversion(request: ServerCreateRequest): string {
  if (request.multiattach) return novaMicroversions.multiattach;
  const tagged = (request.tags?.length ?? 0) > 0 || (request.blockDevices ?? []).some((device) => device.tag);
  return tagged ? novaMicroversions.tagging : novaMicroversions.minimum;
}

/** The `POST /servers` body exactly as gophercloud serialises CAPO's options. */
export function serverCreateBody(request: ServerCreateRequest): Record<string, unknown> {
  const server: Record<string, unknown> = {
    name: request.name,
    imageRef: request.imageRef,
    flavorRef: request.flavorRef,
  };
  if (request.availabilityZone) server.availability_zone = request.availabilityZone;
  server.networks = request.portIds.map((port) => ({ port }));
  if (request.userData) server.user_data = request.userData;
  if (request.metadata && Object.keys(request.metadata).length > 0) server.metadata = request.metadata;
  server.config_drive = request.configDrive ?? false;
  if (request.tags && request.tags.length > 0) server.tags = request.tags;
  if (request.keyName) server.key_name = request.keyName;
  if (request.blockDevices && request.blockDevices.length > 0) server.block_device_mapping_v2 = request.blockDevices;
  const hints: Record<string, unknown> = { ...request.additionalSchedulerHints };
  if (request.serverGroupId) {
    if (!uuidPattern.test(request.serverGroupId)) {
      throw new Error(`server group "${request.serverGroupId}" is not a UUID`);
    }
    hints.group = request.serverGroupId;
  }
  return Object.keys(hints).length > 0 ? { server, 'os:scheduler_hints': hints } : { server };
}

/** `POST /servers`; answers the new server's ID (Nova returns only the ID and links). */
export async function createServer(api: ComputeApi, request: ServerCreateRequest): Promise<string> {
  const response = await computeRequest(api, serverCreateMicroversion(request), {
    method: 'POST',
    path: 'servers',
    body: serverCreateBody(request),
  });
  return parseResponse(z.object({ server: z.object({ id: z.string() }) }), response.body, 'create server').server.id;
}

/** `GET /servers/{id}` (404 once deleted). */
export async function getServer(api: ComputeApi, id: string): Promise<Server> {
  const response = await computeRequest(api, novaMicroversions.minimum, {
    method: 'GET',
    path: `servers/${encodeURIComponent(id)}`,
  });
  return parseResponse(z.object({ server: serverSchema }), response.body, 'get server').server;
}

/**
 * The server named exactly `name` (`GET /servers/detail?name=^<name>$`, the name regex-escaped), or
 * undefined; several matches are an error, as in CAPO's adoption.
 */
export async function findServerByName(api: ComputeApi, name: string): Promise<Server | undefined> {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const response = await computeRequest(api, novaMicroversions.minimum, {
    method: 'GET',
    path: 'servers/detail',
    query: { name: `^${escaped}$` },
  });
  const servers = parseResponse(z.object({ servers: z.array(serverSchema) }), response.body, 'list servers').servers;
  if (servers.length > 1) throw new FilterMatchError('multiple-matches', 'server', servers.length);
  return servers[0];
}

/** `DELETE /servers/{id}` (204; 404 when already gone). */
export async function deleteServer(api: ComputeApi, id: string): Promise<void> {
  await computeRequest(api, novaMicroversions.minimum, { method: 'DELETE', path: `servers/${encodeURIComponent(id)}` });
}
