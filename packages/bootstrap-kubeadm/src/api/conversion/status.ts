import type { KubeadmConfigV1beta1 } from '../v1beta1/index.js';
import type { KubeadmConfigStatus } from '../v1beta2/index.js';
import { pruneEmpty } from './prune.js';

type StatusV1 = NonNullable<KubeadmConfigV1beta1['status']>;

/**
 * A v1beta1 status as v1beta2: `ready` becomes `initialization.dataSecretCreated`, the v1beta2 conditions move up,
 * the v1beta1 conditions and failure fields move to `deprecated.v1beta1`.
 */
export function statusToV1beta2(status: StatusV1): KubeadmConfigStatus {
  return pruneEmpty({
    conditions: status.v1beta2?.conditions,
    initialization: { dataSecretCreated: status.ready ? true : undefined },
    dataSecretName: status.dataSecretName,
    observedGeneration: status.observedGeneration || undefined,
    deprecated: {
      v1beta1: {
        conditions: status.conditions,
        failureReason: status.failureReason,
        failureMessage: status.failureMessage,
      },
    },
  }) as KubeadmConfigStatus;
}

/** A v1beta2 status as v1beta1. */
export function statusToV1beta1(status: KubeadmConfigStatus): StatusV1 {
  const deprecated = status.deprecated?.v1beta1;
  return pruneEmpty({
    ready: status.initialization?.dataSecretCreated ? true : undefined,
    dataSecretName: status.dataSecretName,
    failureReason: deprecated?.failureReason,
    failureMessage: deprecated?.failureMessage,
    observedGeneration: status.observedGeneration,
    conditions: deprecated?.conditions,
    v1beta2: { conditions: status.conditions },
  }) as StatusV1;
}
