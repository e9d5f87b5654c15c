import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { nova, type OpenStackSession } from '../../openstack/index.js';

/**
 * The OpenStack session a server is managed with (its `identityRef` resolved to credentials). The controllers take
 * it as a parameter so that the credentials scope (clouds.yaml Secret, OpenStackClusterIdentity, session cache)
 * stays in one place.
 */
export type ServerSessionProvider = (server: Readonly<OpenStackServer>) => Promise<OpenStackSession>;

const computeApis = new WeakMap<OpenStackSession, Promise<nova.ComputeApi>>();

/** The Nova connection of a session, discovered once per session (the microversion range does not change). */
export function computeApiOf(session: OpenStackSession): Promise<nova.ComputeApi> {
  let api = computeApis.get(session);
  if (api === undefined) {
    api = nova.connectCompute(session);
    api.catch(() => computeApis.delete(session));
    computeApis.set(session, api);
  }
  return api;
}
