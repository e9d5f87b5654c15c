import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import type { OpenStackSession } from '../session.js';

const extensionSchema = z.object({
  alias: z.string(),
  name: z.string(),
  description: z.string().nullish(),
});

export type NeutronExtension = z.infer<typeof extensionSchema>;

/** `GET /v2.0/extensions` (CAPO checks for the `trunk` alias). */
export async function listExtensions(session: OpenStackSession): Promise<NeutronExtension[]> {
  const response = await session.request('network', { method: 'GET', path: 'extensions' });
  return parseResponse(z.object({ extensions: z.array(extensionSchema) }), response.body, 'list extensions').extensions;
}
