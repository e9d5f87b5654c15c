import { z } from 'zod';
import { FilterMatchError } from './errors.js';
import { parseResponse } from './http/parse.js';
import type { OpenStackSession } from './session.js';

/** A Glance image; other properties (e.g. `os_type`) are kept as they come. */
export const imageSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  tags: z.array(z.string()).default([]),
  min_disk: z.number().nullish(),
  min_ram: z.number().nullish(),
  size: z.number().nullish(),
});

export type Image = z.infer<typeof imageSchema>;

const pageSchema = z.object({ images: z.array(imageSchema), next: z.string().optional() });

/** Filters of `GET /v2/images` CAPO uses. */
export interface ImageFilter {
  readonly name?: string | undefined;
  /** Every tag must be present (`tag=a&tag=b`). */
  readonly tags?: readonly string[] | undefined;
}

/** `GET /v2/images` with filters, following `next` links. */
export async function listImages(session: OpenStackSession, filter: ImageFilter = {}): Promise<Image[]> {
  const images: Image[] = [];
  let path = 'images';
  let query: Record<string, string | readonly string[] | undefined> | undefined = {
    name: filter.name,
    tag: filter.tags && filter.tags.length > 0 ? filter.tags : undefined,
  };
  for (;;) {
    const response = await session.request('image', { method: 'GET', path, query });
    const page = parseResponse(pageSchema, response.body, 'list images');
    images.push(...page.images);
    if (!page.next || page.images.length === 0) return images;
    // `next` is `/v2/images?marker=…`: relative to the image endpoint, which may have a path prefix.
    path = page.next.replace(/^\/?v2\//, '');
    query = undefined;
  }
}

/** The one image matching the filter (none or several is an error, as in CAPO). */
export async function findImage(session: OpenStackSession, filter: ImageFilter): Promise<Image> {
  const images = await listImages(session, filter);
  if (images.length === 0) throw new FilterMatchError('no-matches', 'image', 0);
  if (images.length > 1) throw new FilterMatchError('multiple-matches', 'image', images.length);
  return images[0] as Image;
}

/** `GET /v2/images/{id}`. */
export async function getImage(session: OpenStackSession, id: string): Promise<Image> {
  const response = await session.request('image', { method: 'GET', path: `images/${encodeURIComponent(id)}` });
  return parseResponse(imageSchema, response.body, 'get image');
}
