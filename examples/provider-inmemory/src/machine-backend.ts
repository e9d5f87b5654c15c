import {
  ConditionReason,
  INSTANCE_PROVISIONED_CONDITION,
  type InfraMachineBackend,
  type KubeObject,
} from '@capi-ts/sdk';
import type { InMemoryMachine } from './api/v1alpha1/inmemorymachine.js';
import type { InMemoryCloud } from './cloud.js';

/** The instance behind an object: named after its UID, which never changes and is never reused. */
export function instanceName(object: Readonly<KubeObject>): string {
  return `im-${object.metadata.uid}`;
}

/**
 * The provider's whole machine logic: create the instance (or find it again) and report it; delete it. The SDK's
 * `infraMachineController` does the rest of the Cluster API contract around these two methods.
 */
export function inMemoryMachineBackend(cloud: InMemoryCloud): InfraMachineBackend<InMemoryMachine> {
  return {
    async reconcileNormal(scope) {
      const name = instanceName(scope.object);
      const instance =
        cloud.getInstance(name) ??
        cloud.createInstance(name, {
          flavor: scope.object.spec.flavor,
          userData: (await scope.bootstrapData()).value.toString('utf8'),
        });
      scope.setProviderID(`inmemory://${instance.name}`);
      scope.setAddresses([
        { type: 'Hostname', address: instance.name },
        { type: 'InternalIP', address: instance.address },
      ]);
      scope.setProvisioned();
      scope.setCondition({ type: INSTANCE_PROVISIONED_CONDITION, status: 'True', reason: ConditionReason.Provisioned });
    },

    async reconcileDelete(scope) {
      cloud.deleteInstance(instanceName(scope.object));
    },
  };
}
