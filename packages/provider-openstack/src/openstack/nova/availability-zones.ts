import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import { type ComputeApi, computeRequest, novaMicroversions } from './microversion.js';

const zoneSchema = z.object({
  zoneName: z.string(),
  zoneState: z.object({ available: z.boolean() }),
});

export type AvailabilityZone = z.infer<typeof zoneSchema>;

/** `GET /os-availability-zone`. */
export async function listAvailabilityZones(api: ComputeApi): Promise<AvailabilityZone[]> {
  const response = await computeRequest(api, novaMicroversions.minimum, {
    method: 'GET',
    path: 'os-availability-zone',
  });
  return parseResponse(
    z.object({ availabilityZoneInfo: z.array(zoneSchema) }),
    response.body,
    'list availability zones',
  ).availabilityZoneInfo;
}
