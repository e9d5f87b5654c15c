import { z } from 'zod';
import { EndpointNotFoundError } from './errors.js';

/** Which of a service's endpoints to use. */
export type EndpointInterface = 'public' | 'internal' | 'admin';

/** The services this client talks to, by their canonical catalog type. */
export type ServiceType = 'identity' | 'compute' | 'network' | 'image' | 'block-storage' | 'load-balancer';

/** Schema of one Keystone v3 catalog entry. */
export const catalogEntrySchema = z.object({
  type: z.string(),
  name: z.string().optional(),
  id: z.string().optional(),
  endpoints: z.array(
    z.object({
      id: z.string().optional(),
      interface: z.string(),
      region: z.string().nullish(),
      region_id: z.string().nullish(),
      url: z.string(),
    }),
  ),
});

/** One service of the token's catalog. */
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** Catalog types accepted for each service (gophercloud's aliases). */
export const serviceTypeAliases: Readonly<Record<ServiceType, readonly string[]>> = {
  identity: ['identity'],
  compute: ['compute'],
  network: ['network'],
  image: ['image'],
  'block-storage': ['block-storage', 'block-store', 'volume', 'volumev2', 'volumev3'],
  'load-balancer': ['load-balancer'],
};

/** What to look for in the catalog. */
export interface EndpointQuery {
  readonly type: ServiceType;
  readonly interface: EndpointInterface;
  /** Only endpoints of this region (`region` or `region_id`); undefined accepts any. */
  readonly region?: string | undefined;
  /** Only services of this catalog name. */
  readonly name?: string | undefined;
}

/**
 * The URL of the first matching endpoint, normalised with a trailing `/`, as gophercloud's
 * `V3EndpointURL` picks it. Catalog order decides between several candidates for one alias; the
 * canonical type is preferred over its aliases.
 */
export function selectEndpoint(catalog: readonly CatalogEntry[], query: EndpointQuery): string {
  for (const type of serviceTypeAliases[query.type]) {
    for (const entry of catalog) {
      if (entry.type !== type || (query.name !== undefined && entry.name !== query.name)) continue;
      for (const endpoint of entry.endpoints) {
        if (endpoint.interface !== query.interface) continue;
        if (query.region && endpoint.region !== query.region && endpoint.region_id !== query.region) continue;
        return endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`;
      }
    }
  }
  const region = query.region ? ` in region ${query.region}` : '';
  throw new EndpointNotFoundError(
    `no ${query.interface} endpoint of service type ${query.type} in the catalog${region}`,
  );
}

/**
 * The base URL resource paths are relative to, from the catalog endpoint: Neutron adds `v2.0/`,
 * Glance `v2/`, Octavia `v2.0/` (once); Nova and Cinder endpoints already carry their version.
 */
export function resourceBaseUrl(type: ServiceType, endpoint: string): string {
  switch (type) {
    case 'network':
      return /\/v2\.0\/$/.test(endpoint) ? endpoint : `${endpoint}v2.0/`;
    case 'image':
      return /\/v2\/$/.test(endpoint) ? endpoint : `${endpoint}v2/`;
    case 'load-balancer':
      return `${versionlessUrl(endpoint)}v2.0/`;
    case 'identity':
      return /\/v3\/$/.test(endpoint) ? endpoint : `${endpoint}v3/`;
    default:
      return endpoint;
  }
}

/** The endpoint without a trailing API version segment (`…/v2.0/` → `…/`), for version discovery. */
export function versionlessUrl(endpoint: string): string {
  return endpoint.replace(/v\d+(\.\d+)?\/$/, '');
}
