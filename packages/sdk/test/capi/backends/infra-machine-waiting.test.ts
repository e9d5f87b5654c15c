import { describe, expect, it } from 'vitest';
import { CapiLabel, type Cluster, type Machine } from '../../../src/capi/index.js';
import { waitForMachinePrerequisites } from '../../../src/capi/infra-machine-waiting.js';
import type { KubeObject } from '../../../src/client/index.js';
import { ConditionLayouts, getCondition, getV1Beta1Condition } from '../../../src/conditions/index.js';

const layout = ConditionLayouts.v1beta1;

const cluster = (initialization: NonNullable<Cluster['status']>['initialization']): Cluster => ({
  metadata: { name: 'c', namespace: 'ns' },
  spec: {},
  status: { initialization },
});

const machine = (options: { dataSecretName?: string; controlPlane?: boolean } = {}): Machine => ({
  metadata: { name: 'm', namespace: 'ns', labels: options.controlPlane ? { [CapiLabel.controlPlane]: '' } : {} },
  spec: {
    clusterName: 'c',
    bootstrap: options.dataSecretName ? { dataSecretName: options.dataSecretName } : {},
    infrastructureRef: { apiGroup: 'infrastructure.test', kind: 'TestMachine', name: 'm' },
  },
});

const object = (): KubeObject => ({ metadata: { name: 'm', namespace: 'ns' }, spec: {} }) as KubeObject;

describe('waitForMachinePrerequisites', () => {
  it.each([
    [
      'no Cluster infrastructure',
      cluster({}),
      machine(),
      'WaitingForClusterInfrastructureReady',
      'WaitingForClusterInfrastructure',
    ],
    [
      'a worker before the control plane is initialized',
      cluster({ infrastructureProvisioned: true }),
      machine(),
      'WaitingForControlPlaneInitialized',
      'WaitingForControlPlaneAvailable',
    ],
    [
      'a control-plane machine without bootstrap data',
      cluster({ infrastructureProvisioned: true }),
      machine({ controlPlane: true }),
      'WaitingForBootstrapData',
      'WaitingForBootstrapData',
    ],
  ])(
    '%s: v1beta2 reason %s, and with the option the v1beta1 forms (%s, Info)',
    (_case, c, m, reason, v1beta1Reason) => {
      const plain = object();
      expect(waitForMachinePrerequisites({ provisionedCondition: 'InstanceProvisioned', layout }, plain, c, m)).toBe(
        true,
      );
      expect(getCondition(plain, 'InstanceProvisioned', layout)).toMatchObject({ status: 'False', reason });
      expect(getV1Beta1Condition(plain, 'InstanceProvisioned', layout)).toBeUndefined();

      const both = object();
      const settings = { provisionedCondition: 'InstanceProvisioned', layout, v1beta1WaitingConditions: true };
      expect(waitForMachinePrerequisites(settings, both, c, m)).toBe(true);
      expect(getCondition(both, 'InstanceProvisioned', layout)).toMatchObject({ status: 'False', reason });
      for (const type of ['InstanceProvisioned', 'Ready']) {
        expect(getV1Beta1Condition(both, type, layout)).toMatchObject({
          status: 'False',
          reason: v1beta1Reason,
          severity: 'Info',
          message: expect.stringContaining('Waiting for'),
        });
      }
    },
  );

  it('lets the backend run once the bootstrap data (or a providerID) is there, writing nothing', () => {
    const ready = cluster({ infrastructureProvisioned: true, controlPlaneInitialized: true });
    const settings = { provisionedCondition: 'InstanceProvisioned', layout, v1beta1WaitingConditions: true };
    const withData = object();
    expect(waitForMachinePrerequisites(settings, withData, ready, machine({ dataSecretName: 'b' }))).toBe(false);
    expect(withData.status).toBeUndefined();
    const provisioned = { ...object(), spec: { providerID: 'x://m' } } as KubeObject;
    expect(waitForMachinePrerequisites(settings, provisioned, ready, machine())).toBe(false);
  });
});
