import type { ObjectKey } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';

/**
 * The key an object is stored under: `<namespace>/<name>`, or `<name>` for cluster-scoped objects (the format
 * of client-go's `MetaNamespaceKeyFunc`).
 */
export function storeKey(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

/** The {@link storeKey} of an object; throws when it has no name (the API server never sends one without). */
export function storeKeyOf(object: Readonly<KubeObject>): string {
  const { namespace, name } = object.metadata;
  if (!name) throw new Error('cannot store an object without metadata.name');
  return storeKey({ namespace, name });
}
