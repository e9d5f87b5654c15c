import { ConditionLayouts, type ConditionSeverity, setV1Beta1Condition, toV1Beta1Condition } from '@capi-ts/sdk';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';

/** OpenStackCluster v1beta1 keeps CAPI v1beta1 conditions (with severity) in `status.conditions`, as CAPO does. */
export const CLUSTER_CONDITION_LAYOUT = ConditionLayouts.v1beta1;

/** Sets one v1beta1 condition; `severity` only counts when the status is False. */
export function setClusterCondition(
  object: OpenStackCluster,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason = '',
  message?: string,
  severity: ConditionSeverity = 'Warning',
): void {
  setV1Beta1Condition(
    object,
    toV1Beta1Condition({ type, status, reason, ...(message ? { message } : {}) }, severity),
    CLUSTER_CONDITION_LAYOUT,
  );
}
