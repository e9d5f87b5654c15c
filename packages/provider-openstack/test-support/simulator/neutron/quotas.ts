import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { ok, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { neutronUsage } from './networks.js';

function checkReadable(context: RequestContext, projectId: string): void {
  if (!isAdmin(context.token) && context.token?.projectId !== projectId) {
    throw new ApiError(403, 'Non-admin is not authorized to access quotas for another project', 'HTTPForbidden');
  }
}

/** Routes of `/v2.0/quotas/<project>` (limits, details with usage, admin updates). */
export function neutronQuotaRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  return [
    route('GET', '/v2.0/quotas/{project}', (context) => {
      checkReadable(context, context.params.project!);
      return ok({ quota: runtime.quotas.limitsOf(context.params.project!, 'network') });
    }),
    route('GET', '/v2.0/quotas/{project}/details', (context) => {
      const projectId = context.params.project!;
      checkReadable(context, projectId);
      const limits = runtime.quotas.limitsOf(projectId, 'network');
      const quota = Object.fromEntries(
        Object.entries(limits).map(([resource, limit]) => [
          resource,
          { limit, used: neutronUsage(state, projectId, resource), reserved: 0 },
        ]),
      );
      return ok({ quota });
    }),
    route('PUT', '/v2.0/quotas/{project}', (context) => {
      if (!isAdmin(context.token)) throw new ApiError(403, 'Only admin can update quotas', 'HTTPForbidden');
      const projectId = context.params.project!;
      const quota = (context.body as { quota?: Record<string, unknown> } | undefined)?.quota ?? {};
      for (const [resource, limit] of Object.entries(quota)) {
        if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < -1) {
          throw new ApiError(400, `Invalid input for ${resource}. Reason: '${String(limit)}' is not a valid quota.`);
        }
        runtime.quotas.set(projectId, `network.${resource}`, limit);
      }
      return ok({ quota: runtime.quotas.limitsOf(projectId, 'network') });
    }),
  ];
}
