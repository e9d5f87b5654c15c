import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { type Handler, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSecondsNoZone } from '../timestamps.js';
import type { LoadBalancerRecord, OctaviaBase } from './records.js';

/** Declares a route under both `/v2.0/lbaas/…` and `/v2/lbaas/…`, as Octavia serves both. */
export function lbaasRoutes(method: string, path: string, handler: Handler): Route[] {
  return [route(method, `/v2.0/lbaas${path}`, handler), route(method, `/v2/lbaas${path}`, handler)];
}

/** The `<kind>` object of a request body. */
export function requestObject(context: RequestContext, kind: string): Record<string, unknown> {
  const value = (context.body as Record<string, unknown> | undefined)?.[kind];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, `Invalid input for field/attribute ${kind}. Value: 'None'. Mandatory field missing.`);
  }
  return value as Record<string, unknown>;
}

/** Octavia's 404. */
export function octaviaNotFound(kind: string, id: string): ApiError {
  return new ApiError(404, `${kind} ${id} could not be found.`);
}

/** A project's record or Octavia's 404. */
export function findOwned<T extends OctaviaBase>(
  map: ReadonlyMap<string, T>,
  id: string,
  context: RequestContext,
  kind: string,
): T {
  const record = map.get(id);
  if (!record || (!isAdmin(context.token) && record.project_id !== context.token?.projectId))
    throw octaviaNotFound(kind, id);
  return record;
}

/** Attributes shared by every new Octavia resource. */
export function baseAttributes(
  runtime: SimulatorRuntime,
  context: RequestContext,
  body: Record<string, unknown>,
): OctaviaBase {
  const projectId = context.token!.projectId!;
  return {
    id: runtime.ids.uuid(),
    name: typeof body.name === 'string' ? body.name : '',
    description: typeof body.description === 'string' ? body.description : '',
    project_id: projectId,
    tenant_id: projectId,
    admin_state_up: body.admin_state_up !== false,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
    created_at: isoSecondsNoZone(runtime.clock.now()),
    updated_at: null,
  };
}

/** The 409 Octavia answers while a load balancer is not ACTIVE. */
export function immutable(loadBalancer: LoadBalancerRecord): ApiError {
  return new ApiError(409, `Load Balancer ${loadBalancer.id} is immutable and cannot be updated.`);
}

/** Whether Octavia refuses changes: while any PENDING_* status is set (ACTIVE and ERROR accept them). */
export function isImmutable(loadBalancer: LoadBalancerRecord): boolean {
  return loadBalancer.provisioning_status.startsWith('PENDING_');
}

/** Checks the load balancer is not PENDING_* and locks it (PENDING_UPDATE) for a child change. */
export function lockForUpdate(runtime: SimulatorRuntime, loadBalancer: LoadBalancerRecord): void {
  if (isImmutable(loadBalancer)) throw immutable(loadBalancer);
  loadBalancer.provisioning_status = 'PENDING_UPDATE';
  loadBalancer.updated_at = isoSecondsNoZone(runtime.clock.now());
}

/**
 * Finishes a child change after `delays.loadBalancerMs`: the load balancer returns to ACTIVE and `complete`
 * applies the child's final state (ACTIVE or removal).
 */
export function finishUpdate(runtime: SimulatorRuntime, loadBalancer: LoadBalancerRecord, complete: () => void): void {
  runtime.clock.schedule(runtime.delays.loadBalancerMs, () => {
    complete();
    if (loadBalancer.provisioning_status === 'PENDING_UPDATE') loadBalancer.provisioning_status = 'ACTIVE';
    loadBalancer.updated_at = isoSecondsNoZone(runtime.clock.now());
  });
}

/** Reads a required integer attribute in a range. */
export function integerAttribute(body: Record<string, unknown>, name: string, min: number, max: number): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(
      400,
      `Invalid input for field/attribute ${name}. Value: '${String(value)}'. Value should be greater or equal to ${min}`,
    );
  }
  return value;
}

/** Reads an enumerated attribute. */
export function enumAttribute(body: Record<string, unknown>, name: string, allowed: readonly string[]): string {
  const value = body[name];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ApiError(
      400,
      `Invalid input for field/attribute ${name}. Value: '${String(value)}'. Value should be one of: ${allowed.join(', ')}`,
    );
  }
  return value;
}

/** Octavia's answer when a provider driver does not support an option. */
export function unsupportedOption(provider: string, message: string): ApiError {
  return new ApiError(501, `Provider '${provider}' does not support a requested option: ${message}`);
}

/** Checks the project's Octavia quota for one more `resource` (`load_balancer`, `listener`, …). */
export function checkOctaviaQuota(
  runtime: SimulatorRuntime,
  projectId: string,
  resource: string,
  used: number,
  label: string,
): void {
  if (runtime.quotas.exceeds(projectId, `load-balancer.${resource}`, used)) {
    throw new ApiError(403, `Quota has been met for resources: ${label}`);
  }
}

/** Number of a project's records in a map. */
export function countOwned(map: ReadonlyMap<string, OctaviaBase>, projectId: string): number {
  let total = 0;
  for (const record of map.values()) if (record.project_id === projectId) total++;
  return total;
}
