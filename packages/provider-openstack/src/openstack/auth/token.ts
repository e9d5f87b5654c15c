import { z } from 'zod';
import { type CatalogEntry, catalogEntrySchema } from '../catalog.js';
import { OpenStackResponseError } from '../errors.js';
import type { Secret } from '../secret.js';

const tokenBodySchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string().optional(),
    methods: z.array(z.string()).optional(),
    user: z.object({ id: z.string(), name: z.string().optional() }),
    project: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    catalog: z.array(catalogEntrySchema).default([]),
  }),
});

/** A Keystone v3 token with what the client needs from its body. */
export interface KeystoneToken {
  /** `X-Subject-Token`. */
  readonly value: Secret;
  readonly expiresAt: Date;
  readonly userId: string;
  /** The token's project (CAPO requires a project-scoped token). */
  readonly projectId: string;
  readonly catalog: readonly CatalogEntry[];
}

/** Reads a `POST /v3/auth/tokens` answer; rejects tokens without a project, as CAPO does. */
export function parseTokenResponse(body: unknown, value: Secret): KeystoneToken {
  const parsed = tokenBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new OpenStackResponseError(`Keystone token response has an unexpected shape: ${parsed.error.message}`);
  }
  const { token } = parsed.data;
  if (!token.project) throw new OpenStackResponseError('Keystone issued a token without a project scope');
  const expiresAt = new Date(token.expires_at);
  if (Number.isNaN(expiresAt.getTime())) {
    throw new OpenStackResponseError(`Keystone token expiry "${token.expires_at}" is not a date`);
  }
  return { value, expiresAt, userId: token.user.id, projectId: token.project.id, catalog: token.catalog };
}
