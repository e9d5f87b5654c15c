import { ConditionReason, INFRASTRUCTURE_PROVISIONED_CONDITION, type InfraClusterBackend } from '@capi-ts/sdk';
import type { InMemoryCluster } from './api/v1alpha1/inmemorycluster.js';
import type { InMemoryCloud } from './cloud.js';

/**
 * The provider's whole cluster logic: a load balancer named after the object's UID gives the control plane
 * endpoint. The SDK's `infraClusterController` does the rest of the Cluster API contract.
 */
export function inMemoryClusterBackend(cloud: InMemoryCloud): InfraClusterBackend<InMemoryCluster> {
  return {
    async reconcileNormal(scope) {
      const loadBalancer = cloud.ensureLoadBalancer(`lb-${scope.object.metadata.uid}`);
      scope.setControlPlaneEndpoint({ host: loadBalancer.host, port: loadBalancer.port });
      scope.setProvisioned();
      scope.setCondition({
        type: INFRASTRUCTURE_PROVISIONED_CONDITION,
        status: 'True',
        reason: ConditionReason.Provisioned,
      });
    },

    async reconcileDelete(scope) {
      cloud.deleteLoadBalancer(`lb-${scope.object.metadata.uid}`);
    },
  };
}
