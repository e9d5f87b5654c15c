import {
  ApiError,
  builtin,
  type ClusterCache,
  deadlineSignal,
  type InformerSource,
  type KubeClient,
  type KubeconfigReference,
  type OwnerReference,
  type RemoteEventSource,
  type Request,
  type Secret,
} from '@capi-ts/sdk';
import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import { controllerReference } from './cluster-secrets.js';
import type { FeatureGates } from './features.js';

/** Upstream's finalizer of a KamajiControlPlane whose TenantControlPlane lives in an external cluster. */
export const EXTERNAL_CLUSTER_FINALIZER = 'ecr.kamaji.clastix.io/finalizer';
/** On a TenantControlPlane in an external cluster: `<namespace>/<name>` of its KamajiControlPlane. */
export const CONTROL_PLANE_ANNOTATION = 'controlplane.cluster.x-k8s.io/kamaji-control-plane';

/** Where a KamajiControlPlane's TenantControlPlane and Kamaji's Secrets live. */
export interface TenantPlacement {
  /** Writes the TenantControlPlane. */
  client: KubeClient;
  /** Reads the TenantControlPlane and Kamaji's Secrets. */
  cache: InformerSource;
  namespace: string;
  name: string;
  /** Set in the management cluster (the KamajiControlPlane owns it); an external cluster has no such owner. */
  owner?: OwnerReference;
  /** Set for an external cluster: identifies the KamajiControlPlane across clusters. */
  annotations?: Record<string, string>;
}

/** The placement, or why it is not available (reported on `FoundExternalReferenceClient`). */
export type PlacementOutcome =
  | { kind: 'ready'; placement: TenantPlacement }
  | { kind: 'unavailable'; reason: string; message: string; retryAfterMs?: number };

/** Remote event sources of TenantControlPlanes and Kamaji's Secrets in external clusters. */
export interface ExternalClusterSources {
  clusterCache: ClusterCache;
  tenantControlPlanes: RemoteEventSource<TenantControlPlane>;
  secrets: RemoteEventSource<Secret>;
}

/** How long a reconcile waits for the external cluster's caches before reporting it unreachable. */
const REMOTE_SYNC_TIMEOUT_MS = 10_000;
/** Retry of an unreachable external cluster or one without Kamaji's CRD: no event tells when that changes. */
const UNAVAILABLE_RETRY_MS = 30_000;

/** The KamajiControlPlane a TenantControlPlane in an external cluster was created for. */
function controlPlaneOf(tcp: Readonly<TenantControlPlane> | undefined): Request[] {
  const value = tcp?.metadata.annotations?.[CONTROL_PLANE_ANNOTATION];
  const slash = value?.indexOf('/') ?? -1;
  if (!value || slash < 0) return [];
  return [{ namespace: value.slice(0, slash), name: value.slice(slash + 1) }];
}

/** The sources that bring external TenantControlPlane and Kamaji Secret events back to their KamajiControlPlane. */
export function externalClusterSources(clusterCache: ClusterCache): ExternalClusterSources {
  const tenantControlPlanes = clusterCache.eventSource('external-tenantcontrolplanes', TenantControlPlane, (event) =>
    controlPlaneOf(event.object),
  );
  const secrets = clusterCache.eventSource('external-kamaji-secrets', builtin.secret, (event, reference) => {
    const owner = event.object.metadata.ownerReferences?.find((ref) => ref.kind === 'TenantControlPlane');
    if (!owner) return [];
    const remote = clusterCache.get(reference);
    const key = { namespace: event.object.metadata.namespace, name: owner.name };
    return controlPlaneOf(remote?.cache.informerFor(TenantControlPlane).get(key));
  });
  return { clusterCache, tenantControlPlanes, secrets };
}

/** The kubeconfig reference of `spec.deployment.externalClusterReference`, in the KCP's namespace by default. */
export function externalKubeconfigReference(kcp: KamajiControlPlane): KubeconfigReference | undefined {
  const external = kcp.spec.deployment?.externalClusterReference;
  if (!external) return undefined;
  return {
    namespace: external.kubeconfigSecretNamespace || (kcp.metadata.namespace as string),
    secretName: external.kubeconfigSecretName,
    key: external.kubeconfigSecretKey,
  };
}

/**
 * Where the TenantControlPlane goes: next to the KamajiControlPlane (same name, owned by it), or, with
 * `spec.deployment.externalClusterReference`, in the external cluster the kubeconfig Secret reaches, as
 * `kcp-<KamajiControlPlane UID>` in `deploymentNamespace` (upstream's name), once the feature gates allow it and
 * the external cluster serves TenantControlPlanes.
 */
export async function tenantPlacement(
  kcp: KamajiControlPlane,
  local: { client: KubeClient; cache: InformerSource },
  features: FeatureGates,
  external: ExternalClusterSources | undefined,
  signal: AbortSignal,
): Promise<PlacementOutcome> {
  const reference = externalKubeconfigReference(kcp);
  const namespace = kcp.metadata.namespace as string;
  if (!reference) {
    return {
      kind: 'ready',
      placement: { ...local, namespace, name: kcp.metadata.name as string, owner: controllerReference(kcp) },
    };
  }
  if (!features.ExternalClusterReference || !external) {
    const message = 'spec.deployment.externalClusterReference needs the ExternalClusterReference feature gate';
    return { kind: 'unavailable', reason: 'FeatureGateDisabled', message };
  }
  if (reference.namespace !== namespace && !features.ExternalClusterReferenceCrossNamespace) {
    const message =
      `the kubeconfig Secret is in namespace ${reference.namespace}, not ${namespace}: ` +
      'that needs the ExternalClusterReferenceCrossNamespace feature gate';
    return { kind: 'unavailable', reason: 'FeatureGateDisabled', message };
  }
  const remote = external.clusterCache.watch(reference, external.tenantControlPlanes);
  if (!remote) {
    const message = `waiting for key ${reference.key} of Secret ${reference.namespace}/${reference.secretName}`;
    return { kind: 'unavailable', reason: 'KubeconfigSecretMissing', message };
  }
  external.clusterCache.watch(reference, external.secrets);
  const problem = await remoteSyncProblem(remote.client, remote.cache, signal);
  if (problem) return { kind: 'unavailable', reason: 'ExternalClusterUnavailable', ...problem };
  return {
    kind: 'ready',
    placement: {
      client: remote.client,
      cache: remote.cache,
      namespace: kcp.spec.deployment?.externalClusterReference?.deploymentNamespace || namespace,
      name: `kcp-${kcp.metadata.uid}`,
      annotations: { [CONTROL_PLANE_ANNOTATION]: `${namespace}/${kcp.metadata.name}` },
    },
  };
}

/** Waits (bounded) for the external caches; says why they do not sync: no Kamaji CRD, or an unreachable cluster. */
async function remoteSyncProblem(
  client: KubeClient,
  cache: InformerSource,
  signal: AbortSignal,
): Promise<{ message: string; retryAfterMs: number } | undefined> {
  const informers = [cache.informerFor(TenantControlPlane), cache.informerFor(builtin.secret)];
  if (informers.every((informer) => informer.synced)) return undefined;
  const wait = deadlineSignal(REMOTE_SYNC_TIMEOUT_MS, signal);
  try {
    await Promise.all(informers.map((informer) => informer.waitForSync(wait.signal)));
    return undefined;
  } catch {
    if (signal.aborted) throw signal.reason;
  } finally {
    wait.cancel();
  }
  try {
    await client.list(TenantControlPlane, { limit: 1 });
    return { message: 'the external cluster cache has not synced yet', retryAfterMs: UNAVAILABLE_RETRY_MS };
  } catch (err) {
    const message =
      err instanceof ApiError && err.code === 404
        ? 'TenantControlPlane custom resource not available in external cluster'
        : `the external cluster cannot be reached: ${(err as Error).message}`;
    return { message, retryAfterMs: UNAVAILABLE_RETRY_MS };
  }
}
