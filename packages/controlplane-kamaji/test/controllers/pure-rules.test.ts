import type { KubeObject, Secret } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import {
  certificateAuthoritySecret,
  kubeconfigSecret,
  kubeconfigSourceKey,
} from '../../src/controllers/kamajicontrolplane/cluster-secrets.js';
import {
  controlPlaneEndpoint,
  splitHostPort,
} from '../../src/controllers/kamajicontrolplane/control-plane-endpoint.js';
import {
  InfrastructurePatchError,
  infrastructurePatch,
  isSatisfied,
} from '../../src/controllers/kamajicontrolplane/infrastructure-patch.js';
import { statusFromTenantControlPlane } from '../../src/controllers/kamajicontrolplane/status.js';
import { refusedVersionChange } from '../../src/controllers/kamajicontrolplane/version-change.js';
import { TenantControlPlane } from '../../src/kamaji/tenant-control-plane.js';

const kcp = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>) =>
  KamajiControlPlane.build({
    metadata: { name: 'cp', namespace: 'ns', uid: 'uid-1', ...(annotations ? { annotations } : {}) },
    spec: { version: 'v1.33.0', ...spec } as never,
  });
const infra = (kind: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
  kind,
  metadata: { name: 'c', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec,
});
const endpoint = { host: '203.0.113.10', port: 6443 };
const none = new Set<string>();

describe('control plane endpoint', () => {
  it('splits host:port, IPv6 included, and rejects garbage', () => {
    expect(splitHostPort('10.0.0.1:6443')).toEqual({ host: '10.0.0.1', port: 6443 });
    expect(splitHostPort('[fd00::1]:6443')).toEqual({ host: 'fd00::1', port: 6443 });
    expect(splitHostPort('api.example.com')).toEqual({ host: 'api.example.com' });
    expect(splitHostPort('a:b:c')).toBeUndefined();
  });

  it('uses the TCP address, or the ingress/gateway hostname with its port or 443', () => {
    expect(controlPlaneEndpoint(kcp(), undefined)).toBeUndefined();
    expect(controlPlaneEndpoint(kcp(), '10.0.0.1:6443')).toEqual({ host: '10.0.0.1', port: 6443 });
    const ingress = kcp({ network: { serviceType: 'ClusterIP', ingress: { hostname: 'api.example.com' } } });
    expect(controlPlaneEndpoint(ingress, '10.0.0.1:6443')).toEqual({ host: 'api.example.com', port: 443 });
    const gateway = kcp({
      network: { serviceType: 'ClusterIP', gateway: { name: 'g', namespace: 'n', hostname: 'api.example.com:8443' } },
    });
    expect(controlPlaneEndpoint(gateway, '10.0.0.1:6443')).toEqual({ host: 'api.example.com', port: 8443 });
  });
});

describe('infrastructure patch table', () => {
  it('writes the endpoint, readiness or OpenStack fields per kind', () => {
    const spec = { controlPlaneEndpoint: endpoint };
    expect(infrastructurePatch(infra('AWSCluster'), endpoint, none)).toEqual({ spec });
    expect(infrastructurePatch(infra('PacketCluster'), endpoint, none)).toEqual({ spec, status: { ready: true } });
    expect(infrastructurePatch(infra('KubevirtCluster'), endpoint, none)).toEqual({ spec, status: { ready: true } });
    expect(infrastructurePatch(infra('OpenStackCluster'), endpoint, none)).toEqual({
      spec: { apiServerFixedIP: '203.0.113.10', apiServerPort: 6443 },
    });
    expect(infrastructurePatch(infra('LXCCluster'), endpoint, none)).toEqual({ spec });
    expect(
      infrastructurePatch(infra('LXCCluster', {}, { 'cluster.x-k8s.io/managed-by': 'kamaji' }), endpoint, none),
    ).toEqual({ spec, status: { ready: true } });
    expect(infrastructurePatch(infra('OscCluster'), endpoint, new Set(['OscCluster']))).toEqual({ spec });
  });

  it('checks Metal3-like kinds and patches unmanaged Proxmox-like ones', () => {
    expect(infrastructurePatch(infra('Metal3Cluster', { controlPlaneEndpoint: endpoint }), endpoint, none)).toEqual({});
    expect(() => infrastructurePatch(infra('Metal3Cluster'), endpoint, none)).toThrow(
      /no spec.controlPlaneEndpoint.host/,
    );
    expect(() =>
      infrastructurePatch(infra('MetalStackCluster', { controlPlaneEndpoint: { host: 'x', port: 1 } }), endpoint, none),
    ).toThrow(/mismatching host\/port/);
    expect(infrastructurePatch(infra('VSphereCluster'), endpoint, none)).toEqual({
      spec: { controlPlaneEndpoint: endpoint },
    });
    expect(infrastructurePatch(infra('ProxmoxCluster', { controlPlaneEndpoint: endpoint }), endpoint, none)).toEqual(
      {},
    );
  });

  it('refuses unknown kinds with a hint', () => {
    expect(() => infrastructurePatch(infra('OscCluster'), endpoint, none)).toThrow(InfrastructurePatchError);
    expect(() => infrastructurePatch(infra('OscCluster'), endpoint, none)).toThrow(/--dynamic-infrastructure-clusters/);
  });

  it('tells when a patch would change nothing', () => {
    expect(isSatisfied({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(true);
    expect(isSatisfied({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
    expect(isSatisfied(undefined, { ready: true })).toBe(false);
    expect(isSatisfied({ l: [1, 2] }, { l: [1] })).toBe(false);
  });
});

describe('version changes Kamaji refuses', () => {
  it('allows patch and next-minor upgrades and the first version', () => {
    expect(refusedVersionChange(undefined, 'v1.33.0')).toBeUndefined();
    expect(refusedVersionChange('v1.33.0', 'v1.33.2')).toBeUndefined();
    expect(refusedVersionChange('v1.33.2', 'v1.34.0')).toBeUndefined();
  });

  it('refuses downgrades, skipped minors and non-versions', () => {
    expect(refusedVersionChange('v1.33.2', 'v1.33.1')).toMatch(/downgrading/);
    expect(refusedVersionChange('v1.33.2', 'v1.35.0')).toMatch(/skips a minor version/);
    expect(refusedVersionChange('v1.33.2', 'latest')).toMatch(/not a Kubernetes version/);
  });
});

describe('status from the TenantControlPlane', () => {
  const tcp = (status: Record<string, unknown>) =>
    ({
      apiVersion: TenantControlPlane.apiVersion,
      kind: 'TenantControlPlane',
      metadata: {},
      spec: {},
      status,
    }) as never;

  it('copies counters and version, initialises once Ready and stays initialised', () => {
    const ready = statusFromTenantControlPlane(
      undefined,
      tcp({
        kubernetesResources: {
          version: { version: 'v1.33.0', status: 'Ready' },
          deployment: { replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3, selector: 's=1' },
        },
      }),
    );
    expect(ready).toMatchObject({
      ready: true,
      version: 'v1.33.0',
      replicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 3,
      selector: 's=1',
      initialization: { controlPlaneInitialized: true },
    });
    const upgrading = statusFromTenantControlPlane(
      ready,
      tcp({ kubernetesResources: { version: { version: 'v1.33.0', status: 'Upgrading' } } }),
    );
    expect(upgrading.ready).toBe(true);
    const broken = statusFromTenantControlPlane(
      upgrading,
      tcp({ kubernetesResources: { version: { status: 'NotReady' } } }),
    );
    expect(broken.ready).toBe(false);
    expect(broken.initialization?.controlPlaneInitialized).toBe(true);
  });
});

describe('Cluster API secrets', () => {
  const source = (data: Record<string, string>, labels?: Record<string, string>): Secret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'cp-x', namespace: 'ns', ...(labels ? { labels } : {}) },
    data,
  });

  it('picks the kubeconfig key: annotation, then admin.svc with an advertise address, then admin.conf', () => {
    expect(kubeconfigSourceKey(kcp())).toBe('admin.conf');
    expect(kubeconfigSourceKey(kcp({ network: { serviceType: 'LoadBalancer', advertiseAddress: '10.0.0.1' } }))).toBe(
      'admin.svc',
    );
    expect(kubeconfigSourceKey(kcp({}, { 'kamaji.clastix.io/kubeconfig-secret-key': 'super-admin.conf' }))).toBe(
      'super-admin.conf',
    );
  });

  it('builds <cluster>-kubeconfig and <cluster>-ca with upstream keys, labels, type and owner', () => {
    const kubeconfig = kubeconfigSecret(kcp(), 'demo', source({ 'admin.conf': 'QQ==' }), undefined);
    expect(kubeconfig).toMatchObject({
      metadata: {
        name: 'demo-kubeconfig',
        namespace: 'ns',
        ownerReferences: [{ kind: 'KamajiControlPlane', uid: 'uid-1', controller: true }],
      },
      type: 'cluster.x-k8s.io/secret',
      data: { value: 'QQ==' },
    });
    const ca = certificateAuthoritySecret(
      kcp(),
      'demo',
      source({ 'ca.crt': 'Qw==', 'ca.key': 'Sw==' }, { from: 'kamaji' }),
      undefined,
    );
    expect(ca?.data).toEqual({ 'tls.crt': 'Qw==', 'tls.key': 'Sw==' });
    expect(ca?.metadata.labels).toMatchObject({
      from: 'kamaji',
      'kamaji.clastix.io/secret': 'ca',
      'kamaji.clastix.io/tcp': 'cp',
    });
    expect(() => kubeconfigSecret(kcp(), 'demo', source({}), undefined)).toThrow(/has no key admin.conf/);
  });

  it("leaves <cluster>-ca alone when it is Kamaji's own CA Secret", () => {
    const kamajiOwn = source({});
    kamajiOwn.metadata.ownerReferences = [
      { apiVersion: 'kamaji.clastix.io/v1alpha1', kind: 'TenantControlPlane', name: 'demo', uid: 'u' },
    ];
    expect(
      certificateAuthoritySecret(kcp(), 'demo', source({ 'ca.crt': 'a', 'ca.key': 'b' }), kamajiOwn),
    ).toBeUndefined();
  });
});
