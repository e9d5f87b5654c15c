import type { KubeObject } from '../client/object.js';
import type { ConditionLayout } from '../conditions/layout.js';
import { setCondition } from '../conditions/setters.js';
import { ConditionReason, ConditionType } from '../conditions/types.js';
import { setV1Beta1Condition } from '../conditions/v1beta1.js';
import { providerIdOf } from './contract-accessors.js';
import { isControlPlaneMachine } from './object-checks.js';
import type { Cluster, Machine } from './types.js';

/**
 * The reasons Cluster API's v1beta1 contract gave an infrastructure machine's provisioned condition while it
 * waits (CAPD's and CAPN's `WaitingFor…` reasons), used when the v1beta1 forms are written too.
 */
export const V1Beta1WaitingReason = {
  WaitingForClusterInfrastructure: 'WaitingForClusterInfrastructure',
  WaitingForControlPlaneAvailable: 'WaitingForControlPlaneAvailable',
  WaitingForBootstrapData: 'WaitingForBootstrapData',
} as const;

/** How {@link waitForMachinePrerequisites} writes its conditions. */
export interface MachineWaitingSettings {
  /** The provisioned condition, e.g. `InstanceProvisioned`. */
  provisionedCondition: string;
  /** Where the kind keeps its two condition lists. */
  layout: ConditionLayout;
  /**
   * Also write the v1beta1 forms (`False`, severity `Info`, {@link V1Beta1WaitingReason}) of the provisioned
   * condition and of the v1beta1 `Ready`, which summarises it, as providers of the v1beta1 contract do.
   */
  v1beta1WaitingConditions?: boolean;
}

/**
 * Sets the provisioned condition to the first unmet prerequisite of instance creation and returns true, or
 * returns false when the backend may run: the Cluster's infrastructure is provisioned, and the object has a
 * providerID or the Machine has its bootstrap data secret (a worker first waits for the control plane to be
 * initialized). Mutates `object`.
 */
export function waitForMachinePrerequisites(
  settings: MachineWaitingSettings,
  object: KubeObject,
  cluster: Readonly<Cluster>,
  machine: Readonly<Machine>,
): boolean {
  const wait = (reason: string, v1beta1Reason: string, message: string): true => {
    const { provisionedCondition: type, layout } = settings;
    setCondition(object, { type, status: 'False', reason, message }, { layout });
    if (settings.v1beta1WaitingConditions) {
      for (const v1beta1Type of [type, ConditionType.Ready]) {
        setV1Beta1Condition(
          object,
          { type: v1beta1Type, status: 'False', reason: v1beta1Reason, severity: 'Info', message },
          layout,
        );
      }
    }
    return true;
  };
  if (cluster.status?.initialization?.infrastructureProvisioned !== true) {
    return wait(
      ConditionReason.WaitingForClusterInfrastructureReady,
      V1Beta1WaitingReason.WaitingForClusterInfrastructure,
      'Waiting for Cluster status.initialization.infrastructureProvisioned to be true',
    );
  }
  if (providerIdOf(object) || machine.spec.bootstrap.dataSecretName) return false;
  if (!isControlPlaneMachine(machine) && cluster.status?.initialization?.controlPlaneInitialized !== true) {
    return wait(
      ConditionReason.WaitingForControlPlaneInitialized,
      V1Beta1WaitingReason.WaitingForControlPlaneAvailable,
      'Waiting for Cluster status.initialization.controlPlaneInitialized to be true',
    );
  }
  return wait(
    ConditionReason.WaitingForBootstrapData,
    V1Beta1WaitingReason.WaitingForBootstrapData,
    'Waiting for Machine spec.bootstrap.dataSecretName to be set',
  );
}
