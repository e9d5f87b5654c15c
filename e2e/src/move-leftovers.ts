import type { KubeObject, KubeTransport } from '@capi-ts/sdk';

/**
 * The names of the Secrets of `namespace` that would outlive a deleted Cluster: those without owner references (no
 * garbage collector would ever remove them) and those with at least one owner that still exists. No
 * kube-controller-manager runs in the e2e management planes, so Secrets whose owners are all gone are not counted:
 * a real cluster's garbage collector deletes them. `keep` names Secrets the user created and manages.
 */
export async function secretsLeftBehind(
  transport: KubeTransport,
  namespace: string,
  keep: readonly string[] = [],
): Promise<string[]> {
  const secrets = await transport.request<{ items: KubeObject[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/secrets`,
  });
  const left: string[] = [];
  for (const secret of secrets.items) {
    const name = secret.metadata.name ?? '';
    if (keep.includes(name)) continue;
    const owners = secret.metadata.ownerReferences ?? [];
    if (owners.length === 0) {
      left.push(name);
      continue;
    }
    for (const owner of owners) {
      if ((await existingUids(transport, owner.apiVersion, owner.kind, namespace)).has(owner.uid)) {
        left.push(name);
        break;
      }
    }
  }
  return left.sort();
}

/** The uids of the objects of a kind in a namespace (found through API discovery); none for an unserved kind. */
async function existingUids(
  transport: KubeTransport,
  apiVersion: string,
  kind: string,
  namespace: string,
): Promise<Set<string>> {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const discovery = await transport
    .request<{ resources: Array<{ name: string; kind: string; namespaced: boolean }> }>({ method: 'GET', path: prefix })
    .catch(() => ({ resources: [] }));
  const resource = discovery.resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!resource) return new Set();
  const path = resource.namespaced
    ? `${prefix}/namespaces/${namespace}/${resource.name}`
    : `${prefix}/${resource.name}`;
  const list = await transport.request<{ items: KubeObject[] }>({ method: 'GET', path });
  return new Set(list.items.map((o) => o.metadata.uid ?? ''));
}
