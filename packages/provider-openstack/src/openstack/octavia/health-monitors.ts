import { z } from 'zod';
import { createResource, listResources, type ResourceCollection, updateResource } from '../resource-collection.js';
import type { OpenStackSession } from '../session.js';

/** An Octavia health monitor. */
export const healthMonitorSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  delay: z.number(),
  timeout: z.number(),
  max_retries: z.number(),
  max_retries_down: z.number(),
  pools: z.array(z.object({ id: z.string() })).default([]),
  provisioning_status: z.string().optional(),
});

export type HealthMonitor = z.infer<typeof healthMonitorSchema>;

const healthMonitors: ResourceCollection<typeof healthMonitorSchema> = {
  service: 'load-balancer',
  collection: 'lbaas/healthmonitors',
  singular: 'healthmonitor',
  plural: 'healthmonitors',
  schema: healthMonitorSchema,
};

/** Timing of a TCP health monitor. */
export interface HealthMonitorTiming {
  readonly delay: number;
  readonly timeout: number;
  readonly max_retries: number;
  readonly max_retries_down: number;
}

/** `GET /v2.0/lbaas/healthmonitors?name=`. */
export function listHealthMonitors(
  session: OpenStackSession,
  filter: { name?: string } = {},
): Promise<HealthMonitor[]> {
  return listResources(session, healthMonitors, { name: filter.name });
}

/** `POST /v2.0/lbaas/healthmonitors` of type TCP (501 where the provider has none: `isNotImplemented`). */
export function createHealthMonitor(
  session: OpenStackSession,
  request: { readonly name: string; readonly pool_id: string } & HealthMonitorTiming,
): Promise<HealthMonitor> {
  return createResource(session, healthMonitors, { ...request, type: 'TCP' });
}

/** `PUT /v2.0/lbaas/healthmonitors/{id}` with the changed timing fields. */
export function updateHealthMonitor(
  session: OpenStackSession,
  id: string,
  changes: Partial<HealthMonitorTiming>,
): Promise<HealthMonitor> {
  return updateResource(session, healthMonitors, id, changes);
}
