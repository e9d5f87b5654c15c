import { ApiError } from '../errors.js';
import { isAdmin, type TokenRecord } from '../identity-state.js';
import type { RequestContext } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import type { StandardAttributes } from './records.js';

/** The project a request acts for (admins may name another one with `project_id`/`tenant_id`). */
export function actingProject(context: RequestContext, body?: Record<string, unknown>): string {
  const requested = body?.project_id ?? body?.tenant_id;
  if (typeof requested === 'string' && requested !== '' && isAdmin(context.token)) return requested;
  return context.token?.projectId ?? '';
}

/** Standard attributes of a new resource. */
export function standardAttributes(
  runtime: SimulatorRuntime,
  projectId: string,
  body: Record<string, unknown>,
): StandardAttributes {
  const now = isoSeconds(runtime.clock.now());
  return {
    id: runtime.ids.uuid(),
    project_id: projectId,
    tenant_id: projectId,
    description: typeof body.description === 'string' ? body.description : '',
    tags: [],
    created_at: now,
    updated_at: now,
    revision_number: 0,
  };
}

/** Marks a resource as changed (revision and update time), as Neutron does on every update. */
export function touch(runtime: SimulatorRuntime, record: { revision_number: number; updated_at: string }): void {
  record.revision_number++;
  record.updated_at = isoSeconds(runtime.clock.now());
}

/** Whether a token may see a resource: admins see all, others their project's (and shared ones). */
export function visible(token: TokenRecord | undefined, record: { project_id: string }, shared = false): boolean {
  return shared || isAdmin(token) || record.project_id === token?.projectId;
}

/** The object under `key` of a request body (`{"network": {...}}`), or a 400 as Neutron answers. */
export function resourceBody(context: RequestContext, key: string): Record<string, unknown> {
  const body = context.body;
  const inner = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw new ApiError(400, `Resource body required`, 'BadRequest');
  }
  return inner as Record<string, unknown>;
}

/** Rejects attributes the resource does not have: `Unrecognized attribute(s) 'x'`. */
export function rejectUnknownAttributes(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ApiError(400, `Unrecognized attribute(s) '${unknown.join(', ')}'`, 'HTTPBadRequest');
  }
}

/** A string attribute, its default when absent, or a 400 `Invalid input for <name>`. */
export function stringAttribute(body: Record<string, unknown>, name: string, fallback: string): string {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') {
    throw new ApiError(400, `Invalid input for ${name}. Reason: '${String(value)}' is not a valid string.`);
  }
  return value;
}

/** A boolean attribute (Neutron also accepts "true"/"false" strings). */
export function booleanAttribute(body: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = body[name];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  throw new ApiError(400, `Invalid input for ${name}. Reason: '${String(value)}' cannot be converted to boolean.`);
}

/** A list-of-strings attribute. */
export function stringListAttribute(body: Record<string, unknown>, name: string, fallback: string[]): string[] {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new ApiError(400, `Invalid input for ${name}. Reason: '${JSON.stringify(value)}' is not a list.`);
  }
  return [...(value as string[])];
}

/** Looks a resource up for a token; missing or invisible answers Neutron's typed 404. */
export function findVisible<T extends { project_id: string }>(
  map: ReadonlyMap<string, T>,
  id: string,
  token: TokenRecord | undefined,
  notFound: { type: string; message: string },
  shared: (record: T) => boolean = () => false,
): T {
  const record = map.get(id);
  if (!record || !visible(token, record, shared(record))) throw new ApiError(404, notFound.message, notFound.type);
  return record;
}
