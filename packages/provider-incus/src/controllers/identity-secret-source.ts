import {
  builtin,
  type CacheEvent,
  CapiLabel,
  type Informer,
  type InformerSource,
  type KubeObject,
  type RawSource,
  type Request,
  requestFor,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { type LXCCluster, lxcClusterResource, lxcMachineResource } from '../api/index.js';

/** Index of LXCClusters by the identity Secret they reference, as `<namespace>/<spec.secretRef.name>`. */
export const LXC_CLUSTER_SECRET_INDEX = 'lxccluster.spec.secretRef.name';

const indexedInformers = new WeakSet<Informer<LXCCluster>>();

/** The LXCCluster informer of `cache`, with {@link LXC_CLUSTER_SECRET_INDEX} added once. */
function lxcClustersIndexedBySecret(cache: InformerSource): Informer<LXCCluster> {
  const informer = cache.informerFor(lxcClusterResource);
  if (!indexedInformers.has(informer)) {
    informer.addIndex(LXC_CLUSTER_SECRET_INDEX, (lxcCluster) => {
      const name = lxcCluster.spec?.secretRef?.name;
      return name ? [`${lxcCluster.metadata.namespace}/${name}`] : [];
    });
    indexedInformers.add(informer);
  }
  return informer;
}

/** Maps an LXCCluster whose identity Secret changed to the requests of one controller. */
export type LXCClusterToRequests = (lxcCluster: Readonly<LXCCluster>) => Request[];

/** Options of {@link identitySecretSource}. */
export interface IdentitySecretSourceOptions {
  cache: InformerSource;
  /** What to reconcile for an LXCCluster that references the changed Secret. */
  toRequests: LXCClusterToRequests;
  /** Only objects labelled `cluster.x-k8s.io/watch-filter=<value>` are enqueued (raw sources skip event filters). */
  watchFilter?: string;
}

/** Whether a Secret event is a change (not the initial list, not a resync of the same version). */
function isChange(event: CacheEvent<Secret>): boolean {
  if (event.initial) return false;
  return !(
    event.type === 'updated' && event.oldObject?.metadata.resourceVersion === event.object.metadata.resourceVersion
  );
}

/**
 * Requests for the objects that use an identity Secret, whenever that Secret is created, changed or deleted, so a
 * fixed (or broken) secret is acted on at once instead of on the next back-off retry. LXCClusters are found through
 * an index on `spec.secretRef.name`; Secrets come from the manager's shared cache.
 */
export function identitySecretSource(options: IdentitySecretSourceOptions): RawSource {
  const { cache, toRequests, watchFilter } = options;
  const passes = (object: Readonly<KubeObject>) =>
    !watchFilter || object.metadata.labels?.[CapiLabel.watchFilter] === watchFilter;
  return {
    name: 'identity-secrets',
    start(enqueue, signal) {
      const lxcClusters = lxcClustersIndexedBySecret(cache);
      const unsubscribe = cache.informerFor(builtin.secret).subscribe((event) => {
        if (!isChange(event)) return;
        const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
        for (const lxcCluster of lxcClusters.byIndex(LXC_CLUSTER_SECRET_INDEX, key)) {
          if (passes(lxcCluster)) for (const request of toRequests(lxcCluster)) enqueue(request);
        }
      });
      signal.addEventListener('abort', unsubscribe, { once: true });
    },
  };
}

/** The LXCCluster itself (when it passes the watch filter: checked by the source). */
export const lxcClusterItself: LXCClusterToRequests = (lxcCluster) => [requestFor(lxcCluster)];

/**
 * The LXCMachines of the LXCCluster's Cluster (its `cluster.x-k8s.io/cluster-name` label, else its owner Cluster),
 * found through the cluster-name index; with `watchFilter`, only labelled ones.
 */
export function lxcMachinesOfLXCCluster(cache: InformerSource, watchFilter?: string): LXCClusterToRequests {
  return (lxcCluster) => {
    const namespace = lxcCluster.metadata.namespace;
    const clusterName =
      lxcCluster.metadata.labels?.[CapiLabel.clusterName] ??
      lxcCluster.metadata.ownerReferences?.find((owner) => owner.kind === 'Cluster')?.name;
    if (!namespace || !clusterName) return [];
    return cache
      .informerFor(lxcMachineResource)
      .byIndex(StandardIndex.clusterName, `${namespace}/${clusterName}`)
      .filter((lxcMachine) => !watchFilter || lxcMachine.metadata.labels?.[CapiLabel.watchFilter] === watchFilter)
      .map((lxcMachine) => requestFor(lxcMachine));
  };
}
