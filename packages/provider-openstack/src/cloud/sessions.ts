import type { KubeClient } from '@capi-ts/sdk';
import type { IdentityRef } from '../api/v1beta1/identity.js';
import type { OpenStackSession } from '../openstack/session.js';
import type { SessionCache } from '../openstack/session-cache.js';
import { cloudForIdentity } from './identity.js';
import { retryingSession } from './retrying-session.js';

/** Hands out the OpenStack session of an object's credentials. */
export interface CloudSessions {
  /** The session for `identityRef` used from `namespace`; throws an `IdentityError` for unusable credentials. */
  forIdentity(namespace: string, identityRef: IdentityRef): Promise<CloudSession>;
}

/** A session and the region it works in (part of providerIDs). */
export interface CloudSession {
  readonly session: OpenStackSession;
  readonly region: string;
}

/**
 * Sessions from the credentials read live on every call, shared through the {@link SessionCache} (one Keystone
 * token per distinct cloud configuration), so a rotated Secret takes effect on the next reconcile. Transient
 * failures of repeatable requests are retried ({@link retryingSession}). `defaultCaCert` (`--ca-certs`) is trusted
 * for clouds whose Secret has no `cacert`.
 */
export function cachedCloudSessions(client: KubeClient, cache: SessionCache, defaultCaCert?: string): CloudSessions {
  // One retrying wrapper per cached session, so that what callers keep per session (the Nova microversion range)
  // is found again on the next reconcile instead of being discovered anew.
  const retrying = new WeakMap<OpenStackSession, OpenStackSession>();
  const retryingFor = (session: OpenStackSession) => {
    let wrapper = retrying.get(session);
    if (wrapper === undefined) {
      wrapper = retryingSession(session);
      retrying.set(session, wrapper);
    }
    return wrapper;
  };
  return {
    async forIdentity(namespace, identityRef) {
      const cloud = await cloudForIdentity(client, namespace, identityRef, defaultCaCert);
      return { session: retryingFor(cache.session(cloud)), region: cloud.regionName ?? '' };
    },
  };
}

/** An object that names its credentials in `spec.identityRef` (OpenStackServer, OpenStackFloatingIPPool). */
interface IdentifiedObject {
  readonly metadata: { readonly namespace?: string };
  readonly spec: { readonly identityRef: IdentityRef };
}

/** The session of an object's own `spec.identityRef`, used from the object's namespace. */
export function sessionOfIdentityRef(
  sessions: CloudSessions,
): (object: Readonly<IdentifiedObject>) => Promise<OpenStackSession> {
  return async (object) =>
    (await sessions.forIdentity(object.metadata.namespace ?? '', object.spec.identityRef)).session;
}
