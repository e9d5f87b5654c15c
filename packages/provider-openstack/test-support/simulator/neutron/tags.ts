import { ApiError } from '../errors.js';
import { created, noContent, ok, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { findVisible, touch } from './common.js';
import type { NetworkState, StandardAttributes } from './records.js';

type Taggable = StandardAttributes & { project_id: string };

const collections: Readonly<Record<string, { singular: string; map: (state: NetworkState) => Map<string, Taggable> }>> =
  {
    networks: { singular: 'network', map: (state) => state.networks },
    subnets: { singular: 'subnet', map: (state) => state.subnets },
    ports: { singular: 'port', map: (state) => state.ports },
    routers: { singular: 'router', map: (state) => state.routers },
    'security-groups': { singular: 'security_group', map: (state) => state.securityGroups },
    floatingips: { singular: 'floatingip', map: (state) => state.floatingIps },
    trunks: { singular: 'trunk', map: (state) => state.trunks },
  };

const maxTagLength = 255;
const maxTags = 50;

function validTag(tag: unknown): string {
  if (typeof tag !== 'string' || tag === '' || tag.length > maxTagLength || tag.includes(',') || tag.includes('/')) {
    throw new ApiError(400, `Invalid input for tags. Reason: '${String(tag)}' is not a valid tag.`, 'InvalidInput');
  }
  return tag;
}

function taggedResource(state: NetworkState, context: RequestContext): Taggable {
  const collection = collections[context.params.collection!];
  if (!collection) throw new ApiError(404, 'The resource could not be found.', 'HTTPNotFound');
  const id = context.params.id!;
  const type = collection.singular;
  return findVisible(collection.map(state), id, context.token, {
    type: `${type.charAt(0).toUpperCase()}${type.slice(1)}NotFound`,
    message: `${type} ${id} could not be found.`,
  });
}

/** Routes of `/v2.0/<collection>/<id>/tags[/<tag>]` (standard-attr-tag). */
export function tagRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/{collection}/{id}/tags', (context) => ok({ tags: taggedResource(state, context).tags })),
    route('PUT', '/v2.0/{collection}/{id}/tags', (context) => {
      const resource = taggedResource(state, context);
      const tags = (context.body as { tags?: unknown } | undefined)?.tags;
      if (!Array.isArray(tags))
        throw new ApiError(400, "Invalid input for tags. Reason: 'tags' must be a list.", 'InvalidInput');
      if (tags.length > maxTags)
        throw new ApiError(400, `Invalid input for tags. Reason: more than ${maxTags} tags.`, 'InvalidInput');
      resource.tags = [...new Set(tags.map(validTag))];
      touch(runtime, resource);
      return ok({ tags: resource.tags });
    }),
    route('DELETE', '/v2.0/{collection}/{id}/tags', (context) => {
      const resource = taggedResource(state, context);
      resource.tags = [];
      touch(runtime, resource);
      return noContent();
    }),
    route('GET', '/v2.0/{collection}/{id}/tags/{tag}', (context) => {
      const resource = taggedResource(state, context);
      if (!resource.tags.includes(context.params.tag!)) {
        throw new ApiError(404, `Tag ${context.params.tag} could not be found.`, 'TagNotFound');
      }
      return noContent();
    }),
    route('PUT', '/v2.0/{collection}/{id}/tags/{tag}', (context) => {
      const resource = taggedResource(state, context);
      const tag = validTag(context.params.tag);
      if (!resource.tags.includes(tag)) {
        resource.tags.push(tag);
        touch(runtime, resource);
      }
      return created(undefined);
    }),
    route('DELETE', '/v2.0/{collection}/{id}/tags/{tag}', (context) => {
      const resource = taggedResource(state, context);
      const index = resource.tags.indexOf(context.params.tag!);
      if (index < 0) {
        throw new ApiError(404, `Tag ${context.params.tag} could not be found.`, 'TagNotFound');
      }
      resource.tags.splice(index, 1);
      touch(runtime, resource);
      return noContent();
    }),
  ];
}
