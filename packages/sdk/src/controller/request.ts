import type { ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';

/**
 * What a reconcile is asked to do: bring the object with this namespace and name to its desired state. Requests
 * carry no event payload (level-triggered); the reconciler reads the current state from the cache.
 */
export type Request = ObjectKey;

/** The work queue key of a request: `<namespace>/<name>`, or `<name>` for cluster-scoped objects. */
export function requestKey(request: Request): string {
  return request.namespace ? `${request.namespace}/${request.name}` : request.name;
}

/** The inverse of {@link requestKey} (namespaces and names never contain `/`). */
export function requestFromKey(key: string): Request {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The request for an object itself. */
export function requestFor(object: Readonly<KubeObject>): Request {
  const { namespace, name } = object.metadata;
  if (!name) throw new Error('cannot reconcile an object without metadata.name');
  return namespace ? { namespace, name } : { name };
}
