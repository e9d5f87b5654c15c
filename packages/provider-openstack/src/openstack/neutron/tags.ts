import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import { segment } from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

/** Neutron resource collections that carry tags (`standard-attr-tag`). */
export type TaggableCollection =
  | 'networks'
  | 'subnets'
  | 'routers'
  | 'security-groups'
  | 'floatingips'
  | 'ports'
  | 'trunks';

/** `PUT /v2.0/{collection}/{id}/tags` replacing all tags; answers the tags Neutron stored. */
export async function replaceAllTags(
  session: OpenStackSession,
  collection: TaggableCollection,
  id: string,
  tags: readonly string[],
): Promise<string[]> {
  const response = await session.request('network', {
    method: 'PUT',
    path: `${collection}/${segment(id)}/tags`,
    body: { tags },
  });
  return parseResponse(z.object({ tags: z.array(z.string()) }), response.body, `replace ${collection} tags`).tags;
}
