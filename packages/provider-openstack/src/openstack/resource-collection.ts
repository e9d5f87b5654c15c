import { z } from 'zod';
import type { ServiceType } from './catalog.js';
import { parseResponse } from './http/parse.js';
import type { OpenStackSession, QueryValue } from './session.js';

/**
 * How one resource type of a Neutron-style API (Neutron, Octavia) is addressed: service, URL collection
 * and JSON keys.
 */
export interface ResourceCollection<S extends z.ZodType> {
  readonly service: ServiceType;
  /** Path below the service's resource base, e.g. `security-groups` or `lbaas/pools`. */
  readonly collection: string;
  /** JSON key of one resource, e.g. `security_group`. */
  readonly singular: string;
  /** JSON key of a list, e.g. `security_groups`. */
  readonly plural: string;
  readonly schema: S;
}

/** Neutron list filters on tags (`tags` = all of, `tags-any` = any of, and their negations). */
export interface TagFilter {
  readonly tags?: readonly string[] | undefined;
  readonly tagsAny?: readonly string[] | undefined;
  readonly notTags?: readonly string[] | undefined;
  readonly notTagsAny?: readonly string[] | undefined;
}

/** The query parameters of a tag filter (comma-joined lists, empty lists left out). */
export function tagQuery(filter: TagFilter): Record<string, QueryValue> {
  const join = (tags: readonly string[] | undefined) => (tags && tags.length > 0 ? tags.join(',') : undefined);
  return {
    tags: join(filter.tags),
    'tags-any': join(filter.tagsAny),
    'not-tags': join(filter.notTags),
    'not-tags-any': join(filter.notTagsAny),
  };
}

const linksSchema = z.array(z.object({ rel: z.string(), href: z.string() })).optional();

/** Lists every resource matching `query`, following `<plural>_links` `next` links (gophercloud `AllPages`). */
export async function listResources<S extends z.ZodType>(
  session: OpenStackSession,
  type: ResourceCollection<S>,
  query: Readonly<Record<string, QueryValue>> = {},
): Promise<z.output<S>[]> {
  const pageSchema = z.object({ [type.plural]: z.array(type.schema), [`${type.plural}_links`]: linksSchema });
  const items: z.output<S>[] = [];
  let path = type.collection;
  let pageQuery: Readonly<Record<string, QueryValue>> | undefined = query;
  for (;;) {
    const response = await session.request(type.service, { method: 'GET', path, query: pageQuery });
    const page = parseResponse(pageSchema, response.body, `list ${type.collection}`) as Record<string, unknown>;
    const pageItems = page[type.plural] as z.output<S>[];
    items.push(...pageItems);
    const links = page[`${type.plural}_links`] as { rel: string; href: string }[] | undefined;
    const next = links?.find((link) => link.rel === 'next')?.href;
    if (!next || pageItems.length === 0) return items;
    path = next;
    pageQuery = undefined;
  }
}

/** `GET <collection>/<id>`. */
export async function getResource<S extends z.ZodType>(
  session: OpenStackSession,
  type: ResourceCollection<S>,
  id: string,
): Promise<z.output<S>> {
  const response = await session.request(type.service, { method: 'GET', path: `${type.collection}/${segment(id)}` });
  return unwrap(type, response.body, `get ${type.singular}`);
}

/** `POST <collection>` with `{<singular>: attributes}`. */
export async function createResource<S extends z.ZodType>(
  session: OpenStackSession,
  type: ResourceCollection<S>,
  attributes: object,
): Promise<z.output<S>> {
  const response = await session.request(type.service, {
    method: 'POST',
    path: type.collection,
    body: { [type.singular]: attributes },
  });
  return unwrap(type, response.body, `create ${type.singular}`);
}

/** `PUT <collection>/<id>` with `{<singular>: attributes}`. */
export async function updateResource<S extends z.ZodType>(
  session: OpenStackSession,
  type: ResourceCollection<S>,
  id: string,
  attributes: object,
): Promise<z.output<S>> {
  const response = await session.request(type.service, {
    method: 'PUT',
    path: `${type.collection}/${segment(id)}`,
    body: { [type.singular]: attributes },
  });
  return unwrap(type, response.body, `update ${type.singular}`);
}

/** `DELETE <collection>/<id>` (a 404 throws; callers that treat it as done check `isNotFound`). */
export async function deleteResource(
  session: OpenStackSession,
  type: ResourceCollection<z.ZodType>,
  id: string,
): Promise<void> {
  await session.request(type.service, { method: 'DELETE', path: `${type.collection}/${segment(id)}` });
}

/** Encodes an ID or name used as a path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

function unwrap<S extends z.ZodType>(type: ResourceCollection<S>, body: unknown, what: string): z.output<S> {
  const parsed = parseResponse(z.object({ [type.singular]: type.schema }), body, what) as Record<string, unknown>;
  return parsed[type.singular] as z.output<S>;
}
