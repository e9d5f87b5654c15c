import {
  builtin,
  type Cluster,
  type ClusterCache,
  type Controller,
  capiTypes,
  controllerBuilder,
  type InformerSource,
  type InfraControllerHost,
  predicates,
  type Request,
  type Secret,
} from '@capi-ts/sdk';
import { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import type { FeatureGates } from './features.js';
import { InfrastructureTypes } from './infrastructure-cluster.js';
import { reconcileKamajiControlPlane } from './reconcile.js';
import { externalClusterSources, externalKubeconfigReference } from './tenant-placement.js';

/** Options of {@link kamajiControlPlaneController}. */
export interface KamajiControlPlaneControllerOptions {
  /** The manager (client, cache, metrics registry, logger). */
  manager: InfraControllerHost;
  features: FeatureGates;
  /** Infrastructure cluster kinds to patch generically (`--dynamic-infrastructure-clusters`). */
  dynamicInfrastructureClusters?: readonly string[];
  /** `--max-concurrent-reconciles`; default 1. */
  concurrency?: number;
  /** Reconcile only objects labelled `cluster.x-k8s.io/watch-filter=<value>`. */
  watchFilter?: string;
  /**
   * Connections to external clusters, for `spec.deployment.externalClusterReference`; required with the
   * ExternalClusterReference feature gate. Add it to the manager too, which runs it.
   */
  clusterCache?: ClusterCache;
}

/** A Cluster's control plane, when it is a KamajiControlPlane. */
function clusterToControlPlane(cluster: Readonly<Cluster>): Request[] {
  const ref = cluster.spec.controlPlaneRef as { apiGroup?: string; kind?: string; name?: string } | undefined;
  if (ref?.kind !== 'KamajiControlPlane' || ref.apiGroup !== KamajiControlPlane.group || !ref.name) return [];
  return [{ namespace: cluster.metadata.namespace, name: ref.name }];
}

/** Kamaji's Secrets (owned by a TenantControlPlane) wake the KamajiControlPlane of the same name. */
function kamajiSecretToControlPlane(secret: Readonly<Secret>): Request[] {
  return (secret.metadata.ownerReferences ?? [])
    .filter((ref) => ref.kind === 'TenantControlPlane' && ref.apiVersion.startsWith(`${TenantControlPlane.group}/`))
    .map((ref) => ({ namespace: secret.metadata.namespace, name: ref.name }));
}

/** Index of KamajiControlPlanes by the `<namespace>/<name>` of their external cluster's kubeconfig Secret. */
const EXTERNAL_KUBECONFIG_INDEX = 'externalKubeconfigSecret';

/** A kubeconfig Secret wakes the KamajiControlPlanes whose external cluster reference names it. */
function externalKubeconfigToControlPlanes(cache: InformerSource): (secret: Readonly<Secret>) => Request[] {
  const informer = cache.informerFor(KamajiControlPlane);
  informer.addIndex(EXTERNAL_KUBECONFIG_INDEX, (kcp) => {
    const reference = externalKubeconfigReference(kcp as KamajiControlPlane);
    return reference ? [`${reference.namespace}/${reference.secretName}`] : [];
  });
  return (secret) =>
    informer
      .byIndex(EXTERNAL_KUBECONFIG_INDEX, `${secret.metadata.namespace}/${secret.metadata.name}`)
      .map((kcp) => ({ namespace: kcp.metadata.namespace, name: kcp.metadata.name as string }));
}

/**
 * The KamajiControlPlane controller. Event-driven: it reconciles on changes of the KamajiControlPlane, of its
 * TenantControlPlane (status written by Kamaji), of the Secrets it owns and of Kamaji's Secrets, and of the
 * owning Cluster (endpoint, infrastructure provisioned, pause), and, for TenantControlPlanes in external clusters,
 * of those and of Kamaji's Secrets next to them (through the cluster cache's remote event sources).
 */
export function kamajiControlPlaneController(options: KamajiControlPlaneControllerOptions): Controller {
  const { manager } = options;
  const dynamic = options.dynamicInfrastructureClusters ?? [];
  if (dynamic.length > 0 && !options.features.DynamicInfrastructureClusterPatch) {
    throw new Error('--dynamic-infrastructure-clusters needs the DynamicInfrastructureClusterPatch feature gate');
  }
  if (options.features.ExternalClusterReference && !options.clusterCache) {
    throw new Error('the ExternalClusterReference feature gate needs a cluster cache');
  }
  const external =
    options.features.ExternalClusterReference && options.clusterCache
      ? externalClusterSources(options.clusterCache)
      : undefined;
  const deps = {
    client: manager.client,
    cache: manager.cache,
    features: options.features,
    dynamicInfrastructureClusters: new Set(dynamic),
    infrastructureTypes: new InfrastructureTypes(manager.client),
    ...(external ? { external } : {}),
  };
  const watchFilter = predicates.resourceHasFilterLabel(options.watchFilter);
  const builder = controllerBuilder(manager)
    .for(KamajiControlPlane)
    .withWatchFilter(options.watchFilter)
    .owns(TenantControlPlane)
    .owns(builtin.secret)
    .watches(builtin.secret, kamajiSecretToControlPlane)
    .watches(capiTypes.cluster, clusterToControlPlane, { predicates: [watchFilter] })
    .withConcurrency(options.concurrency ?? 1);
  if (external) {
    builder
      .watches(builtin.secret, externalKubeconfigToControlPlanes(manager.cache))
      .watchesRawSource(external.tenantControlPlanes.source)
      .watchesRawSource(external.secrets.source);
  }
  return builder.build(async (request, context) => reconcileKamajiControlPlane(deps, request, context));
}
