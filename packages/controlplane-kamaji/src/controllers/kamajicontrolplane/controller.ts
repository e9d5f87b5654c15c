import {
  builtin,
  type Cluster,
  type Controller,
  capiTypes,
  controllerBuilder,
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

/**
 * The KamajiControlPlane controller. Event-driven: it reconciles on changes of the KamajiControlPlane, of its
 * TenantControlPlane (status written by Kamaji), of the Secrets it owns and of Kamaji's Secrets, and of the
 * owning Cluster (endpoint, infrastructure provisioned, pause).
 */
export function kamajiControlPlaneController(options: KamajiControlPlaneControllerOptions): Controller {
  const { manager } = options;
  const dynamic = options.dynamicInfrastructureClusters ?? [];
  if (dynamic.length > 0 && !options.features.DynamicInfrastructureClusterPatch) {
    throw new Error('--dynamic-infrastructure-clusters needs the DynamicInfrastructureClusterPatch feature gate');
  }
  const deps = {
    client: manager.client,
    cache: manager.cache,
    features: options.features,
    dynamicInfrastructureClusters: new Set(dynamic),
    infrastructureTypes: new InfrastructureTypes(manager.client),
  };
  const watchFilter = predicates.resourceHasFilterLabel(options.watchFilter);
  return controllerBuilder(manager)
    .for(KamajiControlPlane, { predicates: [watchFilter] })
    .owns(TenantControlPlane)
    .owns(builtin.secret)
    .watches(builtin.secret, kamajiSecretToControlPlane)
    .watches(capiTypes.cluster, clusterToControlPlane, { predicates: [watchFilter] })
    .withConcurrency(options.concurrency ?? 1)
    .build(async (request, context) => reconcileKamajiControlPlane(deps, request, context.logger));
}
