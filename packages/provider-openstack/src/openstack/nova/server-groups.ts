import { z } from 'zod';
import { FilterMatchError } from '../errors.js';
import { parseResponse } from '../http/parse.js';
import { type ComputeApi, computeRequest, novaMicroversions } from './microversion.js';

const serverGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  policies: z.array(z.string()).optional(),
  policy: z.string().optional(),
  members: z.array(z.string()).default([]),
});

export type ServerGroup = z.infer<typeof serverGroupSchema>;

/** `GET /os-server-groups`. */
export async function listServerGroups(api: ComputeApi): Promise<ServerGroup[]> {
  const response = await computeRequest(api, novaMicroversions.minimum, { method: 'GET', path: 'os-server-groups' });
  return parseResponse(z.object({ server_groups: z.array(serverGroupSchema) }), response.body, 'list server groups')
    .server_groups;
}

/** The one server group named `name` (none or several is an error, as in CAPO). */
export async function findServerGroupByName(api: ComputeApi, name: string): Promise<ServerGroup> {
  const matches = (await listServerGroups(api)).filter((group) => group.name === name);
  if (matches.length === 0) throw new FilterMatchError('no-matches', 'server group', 0);
  if (matches.length > 1) throw new FilterMatchError('multiple-matches', 'server group', matches.length);
  return matches[0] as ServerGroup;
}
