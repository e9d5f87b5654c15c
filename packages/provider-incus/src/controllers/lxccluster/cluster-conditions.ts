import {
  type ClusterScope,
  type ConditionLayout,
  ConditionLayouts,
  type ConditionSeverity,
  type NewCondition,
  setV1Beta1Condition,
  toV1Beta1Condition,
} from '@capi-ts/sdk';
import { type LXCCluster, LXCClusterCondition } from '../../api/index.js';

/** LXCCluster v1alpha2 keeps CAPN's v1beta1 conditions in `status.conditions`, v1beta2 ones in `status.v1beta2`. */
export const LXC_CLUSTER_CONDITION_LAYOUT: ConditionLayout = ConditionLayouts.v1beta1;

/**
 * Reports `LoadBalancerAvailable` as CAPN does: the v1beta2 condition (summarised into `Ready` by the SDK), plus
 * the v1beta1 `LoadBalancerAvailable` with its severity and the v1beta1 `Ready` that mirrors it.
 */
export function reportLoadBalancerAvailable(
  scope: ClusterScope<LXCCluster>,
  condition: Omit<NewCondition, 'type'>,
  severity: ConditionSeverity = 'Info',
): void {
  const full: NewCondition = { type: LXCClusterCondition.LoadBalancerAvailable, ...condition };
  scope.setCondition(full);
  for (const type of [LXCClusterCondition.LoadBalancerAvailable, LXCClusterCondition.Ready]) {
    setV1Beta1Condition(scope.object, toV1Beta1Condition({ ...full, type }, severity), LXC_CLUSTER_CONDITION_LAYOUT);
  }
}
