import { nova, type OpenStackSession } from '../openstack/index.js';

const computeApis = new WeakMap<OpenStackSession, Promise<nova.ComputeApi>>();

/**
 * The Nova connection of a session, discovered once per session (the microversion range does not change), so that
 * a steady-state reconcile does not ask Nova for its versions again.
 */
export function computeApiOf(session: OpenStackSession): Promise<nova.ComputeApi> {
  let api = computeApis.get(session);
  if (api === undefined) {
    api = nova.connectCompute(session);
    api.catch(() => computeApis.delete(session));
    computeApis.set(session, api);
  }
  return api;
}
