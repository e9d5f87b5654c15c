import { describe, expect, it } from 'vitest';
import type { MicroK8sControlPlane } from '../../src/api/v1beta1/index.js';
import {
  controlPlaneSelector,
  desiredConfig,
  desiredMachine,
  infrastructureTemplateRef,
} from '../../src/controllers/microk8scontrolplane/desired-objects.js';

const controlPlane = (machineTemplate: Record<string, unknown>): MicroK8sControlPlane =>
  ({
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
    kind: 'MicroK8sControlPlane',
    metadata: { name: 'cp', namespace: 'ns', uid: 'u1' },
    spec: {
      replicas: 3,
      version: 'v1.30.1',
      machineTemplate,
      controlPlaneConfig: { initConfiguration: { riskLevel: 'candidate', addons: ['dns'] } },
    },
  }) as MicroK8sControlPlane;
const owner = {
  apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
  kind: 'MicroK8sControlPlane',
  name: 'cp',
  uid: 'u1',
};

describe('infrastructure template reference', () => {
  it('reads CACPM infrastructureTemplate', () => {
    const ref = infrastructureTemplateRef(
      controlPlane({
        infrastructureTemplate: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
          kind: 'AWSMachineTemplate',
          name: 't',
        },
      }),
    );
    expect(ref).toEqual({
      group: 'infrastructure.cluster.x-k8s.io',
      version: 'v1beta2',
      kind: 'AWSMachineTemplate',
      name: 't',
    });
  });

  it('reads the v1beta2 topology reference, leaving the version to the CRD lookup', () => {
    const ref = infrastructureTemplateRef(
      controlPlane({
        spec: {
          infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'LXCMachineTemplate', name: 't' },
        },
      }),
    );
    expect(ref).toEqual({ group: 'infrastructure.cluster.x-k8s.io', kind: 'LXCMachineTemplate', name: 't' });
  });

  it('explains a missing reference', () => {
    expect(() => infrastructureTemplateRef(controlPlane({}))).toThrow(/no complete infrastructure template/);
  });
});

describe('generated objects', () => {
  const cp = controlPlane({ metadata: { labels: { team: 'a' } } });

  it('copies controlPlaneConfig verbatim into a MicroK8sConfig owned by the control plane', () => {
    const config = desiredConfig(cp, 'c1', 'cp-abc', owner);
    expect(config.spec).toEqual(cp.spec?.controlPlaneConfig);
    expect(config.spec).not.toBe(cp.spec?.controlPlaneConfig);
    expect(config.metadata).toMatchObject({
      name: 'cp-abc',
      namespace: 'ns',
      labels: { team: 'a', 'cluster.x-k8s.io/cluster-name': 'c1', 'cluster.x-k8s.io/control-plane': '' },
      ownerReferences: [{ ...owner, blockOwnerDeletion: true }],
    });
  });

  it('makes a v1beta2 Machine at spec.version in the chosen failure domain, controlled by the control plane', () => {
    const machine = desiredMachine({
      controlPlane: cp,
      clusterName: 'c1',
      name: 'cp-abc',
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'X', name: 'cp-abc' },
      configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'MicroK8sConfig', name: 'cp-abc' },
      failureDomain: 'az-1',
      owner,
    });
    expect(machine.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(machine.spec).toEqual({
      clusterName: 'c1',
      version: 'v1.30.1',
      bootstrap: { configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'MicroK8sConfig', name: 'cp-abc' } },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'X', name: 'cp-abc' },
      failureDomain: 'az-1',
    });
    expect(machine.metadata.ownerReferences).toEqual([{ ...owner, controller: true, blockOwnerDeletion: true }]);
    expect(machine.metadata.labels).toMatchObject({ team: 'a', 'cluster.x-k8s.io/control-plane': '' });
  });

  it('selects the control-plane Machines of the cluster', () => {
    expect(controlPlaneSelector('c1')).toBe('cluster.x-k8s.io/cluster-name=c1,cluster.x-k8s.io/control-plane');
  });
});
