import { z } from 'zod';
import { parseResponse } from './http/parse.js';
import type { OpenStackSession } from './session.js';

/** A Cinder volume: `status` goes `creating` → `available` (or `error`). */
export const volumeSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  description: z.string().nullish(),
  status: z.string(),
  size: z.number(),
  availability_zone: z.string().nullish(),
  volume_type: z.string().nullish(),
  multiattach: z.boolean().optional(),
  bootable: z.string().optional(),
  attachments: z.array(z.object({ server_id: z.string().optional() }).loose()).default([]),
});

export type Volume = z.infer<typeof volumeSchema>;

/** Body of `POST /volumes` (no microversion, as CAPO). */
export interface CreateVolumeRequest {
  readonly name: string;
  readonly size: number;
  readonly description?: string;
  readonly imageRef?: string;
  readonly availability_zone?: string;
  readonly volume_type?: string;
}

/** `GET /volumes/detail?name=&project_id=`. */
export async function listVolumes(
  session: OpenStackSession,
  filter: { readonly name?: string | undefined; readonly projectId?: string | undefined } = {},
): Promise<Volume[]> {
  const response = await session.request('block-storage', {
    method: 'GET',
    path: 'volumes/detail',
    query: { name: filter.name, project_id: filter.projectId },
  });
  return parseResponse(z.object({ volumes: z.array(volumeSchema) }), response.body, 'list volumes').volumes;
}

/** `POST /volumes`. */
export async function createVolume(session: OpenStackSession, request: CreateVolumeRequest): Promise<Volume> {
  const response = await session.request('block-storage', {
    method: 'POST',
    path: 'volumes',
    body: { volume: request },
  });
  return parseResponse(z.object({ volume: volumeSchema }), response.body, 'create volume').volume;
}

/** `GET /volumes/{id}`. */
export async function getVolume(session: OpenStackSession, id: string): Promise<Volume> {
  const response = await session.request('block-storage', { method: 'GET', path: `volumes/${encodeURIComponent(id)}` });
  return parseResponse(z.object({ volume: volumeSchema }), response.body, 'get volume').volume;
}

/** `DELETE /volumes/{id}`. */
export async function deleteVolume(session: OpenStackSession, id: string): Promise<void> {
  await session.request('block-storage', { method: 'DELETE', path: `volumes/${encodeURIComponent(id)}` });
}
