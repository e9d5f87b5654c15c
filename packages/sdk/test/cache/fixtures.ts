import type { KubeObject, OwnerReference } from '../../src/index.js';

/** A test object; every call gets a fresh, unfrozen copy. */
export function object(
  namespace: string | undefined,
  name: string,
  resourceVersion: string,
  extra: { labels?: Record<string, string>; owners?: string[]; uid?: string; data?: Record<string, string> } = {},
): KubeObject {
  const ownerReferences: OwnerReference[] | undefined = extra.owners?.map((uid) => ({
    apiVersion: 'v1',
    kind: 'Owner',
    name: `owner-${uid}`,
    uid,
  }));
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      namespace,
      name,
      uid: extra.uid ?? `uid-${namespace ?? ''}-${name}`,
      resourceVersion,
      labels: extra.labels,
      ownerReferences,
    },
    data: extra.data ?? {},
  };
}
