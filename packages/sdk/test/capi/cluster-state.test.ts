import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  type ClusterStatus,
  isClusterControlPlaneInitialized,
  isClusterInfrastructureProvisioned,
} from '../../src/capi/index.js';

const cluster = (status?: ClusterStatus): Cluster => ({ metadata: { name: 'c1' }, spec: {}, status });

describe('Cluster state', () => {
  it('has its infrastructure provisioned by the v1beta2 initialization field or the v1beta1 ready field', () => {
    expect(isClusterInfrastructureProvisioned(cluster())).toBe(false);
    expect(isClusterInfrastructureProvisioned(cluster({ initialization: { infrastructureProvisioned: false } }))).toBe(
      false,
    );
    expect(isClusterInfrastructureProvisioned(cluster({ initialization: { infrastructureProvisioned: true } }))).toBe(
      true,
    );
    expect(isClusterInfrastructureProvisioned(cluster({ infrastructureReady: true }))).toBe(true);
  });

  it('has its control plane initialised by the condition, the initialization field or the v1beta1 ready field', () => {
    const condition = (status: 'True' | 'False') => ({
      conditions: [
        {
          type: 'ControlPlaneInitialized',
          status,
          reason: 'R',
          message: '',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
    expect(isClusterControlPlaneInitialized(cluster())).toBe(false);
    expect(isClusterControlPlaneInitialized(cluster(condition('False')))).toBe(false);
    expect(isClusterControlPlaneInitialized(cluster(condition('True')))).toBe(true);
    expect(isClusterControlPlaneInitialized(cluster({ initialization: { controlPlaneInitialized: true } }))).toBe(true);
    expect(isClusterControlPlaneInitialized(cluster({ controlPlaneReady: true }))).toBe(true);
  });
});
