import { z } from 'zod';
import { FilterMatchError } from '../errors.js';
import { parseResponse } from '../http/parse.js';
import { type ComputeApi, computeRequest, novaMicroversions } from './microversion.js';

/** A Nova flavor. */
export const flavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
});

export type Flavor = z.infer<typeof flavorSchema>;

const pageSchema = z.object({
  flavors: z.array(flavorSchema),
  flavors_links: z.array(z.object({ rel: z.string(), href: z.string() })).optional(),
});

/** `GET /flavors/detail`, every page. */
export async function listFlavors(api: ComputeApi): Promise<Flavor[]> {
  const flavors: Flavor[] = [];
  let path = 'flavors/detail';
  for (;;) {
    const response = await computeRequest(api, novaMicroversions.minimum, { method: 'GET', path });
    const page = parseResponse(pageSchema, response.body, 'list flavors');
    flavors.push(...page.flavors);
    const next = page.flavors_links?.find((link) => link.rel === 'next')?.href;
    if (!next || page.flavors.length === 0) return flavors;
    path = next;
  }
}

/** The flavor named exactly `name`. */
export async function findFlavorByName(api: ComputeApi, name: string): Promise<Flavor> {
  const matches = (await listFlavors(api)).filter((flavor) => flavor.name === name);
  if (matches.length === 0) throw new FilterMatchError('no-matches', 'flavor', 0);
  if (matches.length > 1) throw new FilterMatchError('multiple-matches', 'flavor', matches.length);
  return matches[0] as Flavor;
}

/** `GET /flavors/{id}`. */
export async function getFlavor(api: ComputeApi, id: string): Promise<Flavor> {
  const response = await computeRequest(api, novaMicroversions.minimum, {
    method: 'GET',
    path: `flavors/${encodeURIComponent(id)}`,
  });
  return parseResponse(z.object({ flavor: flavorSchema }), response.body, 'get flavor').flavor;
}
