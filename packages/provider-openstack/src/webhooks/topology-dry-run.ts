import { type AdmissionContext, CapiAnnotation, type KubeObject } from '@capi-ts/sdk';

/**
 * Cluster API's topology controller computes its patches with dry-run requests on objects it marks with the
 * `topology.cluster.x-k8s.io/dry-run` annotation; template and server webhooks let those through unchecked
 * (Cluster API's `ShouldSkipImmutabilityChecks`).
 */
export function isTopologyDryRun(context: AdmissionContext, object: KubeObject): boolean {
  return context.dryRun && object.metadata.annotations?.[CapiAnnotation.topologyDryRun] !== undefined;
}
