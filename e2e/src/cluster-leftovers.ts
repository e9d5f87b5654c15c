import type { KubeObject } from '@capi-ts/sdk';
import type { IncusClient } from '../../packages/provider-incus/src/incus/index.js';
import type { CapiManagementPlane } from './capi-management-plane.js';
import { clusterInstances, INCUS_IDENTITY_SECRET } from './incus-microk8s-cluster.js';

/** What a deleted Incus cluster left behind; all empty when the deletion was complete. */
export interface ClusterLeftovers {
  /** Incus instances launched for the cluster. */
  readonly instances: string[];
  /** Incus profiles whose name contains the cluster's. */
  readonly profiles: string[];
  /**
   * Secrets of the cluster's namespace, but the identity Secret the user created, that have no owner or a live one.
   * No kube-controller-manager runs in the e2e plane, so no garbage collector: what the providers made is left only
   * as objects whose owners are gone, which the garbage collector of a real cluster deletes.
   */
  readonly secrets: string[];
}

/** What is left of a cluster in Incus and in the management cluster, once its Cluster object is gone. */
export async function clusterLeftovers(
  plane: CapiManagementPlane,
  client: IncusClient,
  cluster: { name: string; namespace: string },
): Promise<ClusterLeftovers> {
  const secrets = await plane.env.transport.request<{ items: KubeObject[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${cluster.namespace}/secrets`,
  });
  const owned = await withLiveOwner(plane, secrets.items);
  return {
    instances: await clusterInstances(client, cluster.name),
    profiles: (await client.profiles.list()).filter((p) => p.name.includes(cluster.name)).map((p) => p.name),
    secrets: secrets.items
      .filter((s) => s.metadata.name !== INCUS_IDENTITY_SECRET)
      .filter((s) => !s.metadata.ownerReferences?.length || owned.has(s))
      .map((s) => s.metadata.name ?? ''),
  };
}

/** The objects of `objects` at least one of whose owners still exists. */
async function withLiveOwner(plane: CapiManagementPlane, objects: readonly KubeObject[]): Promise<Set<KubeObject>> {
  const alive = new Set<KubeObject>();
  for (const object of objects) {
    for (const owner of object.metadata.ownerReferences ?? []) {
      const uids = await uidsOfKind(plane, owner.apiVersion, owner.kind);
      if (uids.has(owner.uid)) alive.add(object);
    }
  }
  return alive;
}

async function uidsOfKind(plane: CapiManagementPlane, apiVersion: string, kind: string): Promise<Set<string>> {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const discovery = await plane.env.transport.request<{ resources: Array<{ name: string; kind: string }> }>({
    method: 'GET',
    path: prefix,
  });
  const resource = discovery.resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!resource) return new Set();
  const list = await plane.env.transport.request<{ items: KubeObject[] }>({
    method: 'GET',
    path: `${prefix}/${resource.name}`,
  });
  return new Set(list.items.map((o) => o.metadata.uid ?? ''));
}
