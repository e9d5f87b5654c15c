import type { z } from 'zod';
import { OpenStackResponseError } from '../errors.js';

/** Validates a response body against its schema; a mismatch names the call and the first problems. */
export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new OpenStackResponseError(`${what}: unexpected response: ${problems}`);
}
