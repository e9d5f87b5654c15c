import { isNotFound, type KubeClient, type Logger, removeFinalizer } from '@capi-ts/sdk';
import { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import {
  EXTERNAL_CLUSTER_FINALIZER,
  type ExternalClusterSources,
  externalKubeconfigReference,
} from './tenant-placement.js';

/**
 * Deletion of a KamajiControlPlane with upstream's external-cluster finalizer: its TenantControlPlane in the
 * external cluster is deleted, and the finalizer goes once that cluster's cache no longer has it (the deletion
 * event brings the KCP back here). Without a way to reach the external cluster any more (its kubeconfig Secret is
 * gone, the feature gate was turned off), there is nothing left to clean up and the finalizer goes at once.
 */
export async function deleteExternalTenantControlPlane(
  client: KubeClient,
  external: ExternalClusterSources | undefined,
  kcp: Readonly<KamajiControlPlane>,
  logger: Logger,
): Promise<void> {
  if (!kcp.metadata.finalizers?.includes(EXTERNAL_CLUSTER_FINALIZER)) return;
  const reference = externalKubeconfigReference(kcp as KamajiControlPlane);
  const remote = reference ? external?.clusterCache.watch(reference, external.tenantControlPlanes) : undefined;
  if (remote) {
    const key = {
      namespace: kcp.spec.deployment?.externalClusterReference?.deploymentNamespace || kcp.metadata.namespace,
      name: `kcp-${kcp.metadata.uid}`,
    };
    const informer = remote.cache.informerFor(TenantControlPlane);
    const present = !informer.synced || informer.get(key) !== undefined;
    if (present) {
      try {
        const tcp = informer.get(key);
        if (!tcp?.metadata.deletionTimestamp) await remote.client.delete(TenantControlPlane, key);
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  } else {
    logger.info('The external cluster cannot be reached any more: removing the finalizer without cleaning up');
  }
  await removeFinalizer(client, KamajiControlPlane, kcp, EXTERNAL_CLUSTER_FINALIZER);
}
