import type { Cluster } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import {
  KUBECONFIG_SECRET_KEY_ANNOTATION,
  kubernetesVersion,
  stripPort,
  tenantControlPlaneMetadata,
  tenantControlPlaneSpec,
  UnsupportedSpecError,
} from '../../src/controllers/kamajicontrolplane/tenant-control-plane-spec.js';
import { TenantControlPlane } from '../../src/kamaji/tenant-control-plane.js';

const cluster: Cluster = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  metadata: { name: 'demo', namespace: 'default' },
  spec: {
    clusterNetwork: {
      apiServerPort: 8443,
      serviceDomain: 'tenant.local',
      pods: { cidrBlocks: ['192.168.0.0/16', 'fd00:1::/56'] },
      services: { cidrBlocks: ['172.26.0.0/16', 'fd00:2::/112'] },
    },
  },
};

function kcp(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  return KamajiControlPlane.build({
    metadata: { name: 'demo-cp', namespace: 'default', ...metadata },
    spec: { version: '1.33.0', ...spec } as never,
  });
}

/** Parses the mapped spec with the TenantControlPlane schema, as the API server would validate it. */
function mapped(spec: Record<string, unknown>, on: Cluster = cluster) {
  const tcpSpec = tenantControlPlaneSpec(kcp(spec), on);
  TenantControlPlane.parse({
    apiVersion: TenantControlPlane.apiVersion,
    kind: 'TenantControlPlane',
    metadata: {},
    spec: tcpSpec,
  });
  return tcpSpec;
}

describe('tenantControlPlaneSpec', () => {
  it('maps the seed control plane: version with v, replicas, datastore, kubelet, LoadBalancer, dual-stack CIDRs', () => {
    const spec = mapped({
      dataStoreName: 'default',
      addons: { coreDNS: {}, kubeProxy: {} },
      kubelet: { cgroupfs: 'systemd', preferredAddressTypes: ['ExternalIP', 'InternalIP', 'Hostname'] },
      network: { serviceType: 'LoadBalancer' },
      replicas: 2,
    });
    expect(spec.kubernetes).toEqual({
      version: 'v1.33.0',
      kubelet: { cgroupfs: 'systemd', preferredAddressTypes: ['ExternalIP', 'InternalIP', 'Hostname'] },
    });
    expect(spec.dataStore).toBe('default');
    expect(spec.controlPlane.service).toEqual({ serviceType: 'LoadBalancer' });
    expect(spec.controlPlane.deployment?.replicas).toBe(2);
    expect(spec.controlPlane.deployment?.registrySettings).toEqual({
      registry: 'registry.k8s.io',
      apiServerImage: 'kube-apiserver',
      controllerManagerImage: 'kube-controller-manager',
      schedulerImage: 'kube-scheduler',
    });
    expect(spec.networkProfile).toEqual({
      port: 8443,
      clusterDomain: 'tenant.local',
      serviceCidrs: ['172.26.0.0/16', 'fd00:2::/112'],
      podCidrs: ['192.168.0.0/16', 'fd00:1::/56'],
    });
    expect(spec.addons).toEqual({ coreDNS: {}, kubeProxy: {} });
  });

  it('leaves port, domain and CIDRs to Kamaji when the Cluster does not set them', () => {
    const spec = mapped({}, { ...cluster, spec: {} });
    expect(spec.networkProfile).toEqual({});
    expect(spec.dataStore).toBeUndefined();
  });

  it('maps component overrides, kine and deployment settings', () => {
    const spec = mapped({
      registry: 'mirror.example.com',
      apiServer: {
        containerImageName: 'custom-apiserver',
        extraArgs: ['--v=4'],
        extraVolumeMounts: [{ name: 'audit', mountPath: '/audit' }],
        resources: { limits: { cpu: '1' } },
        probes: { liveness: { periodSeconds: 5 } },
      },
      scheduler: { extraArgs: ['--v=2'] },
      kine: { extraArgs: ['--debug'], resources: { requests: { memory: '64Mi' } } },
      deployment: {
        nodeSelector: { role: 'cp' },
        runtimeClassName: 'gvisor',
        serviceAccountName: 'tenant',
        tolerations: [{ key: 'dedicated', operator: 'Exists' }],
        extraContainers: [{ name: 'sidecar', image: 'busybox' }],
        extraInitContainers: [{ name: 'init', image: 'busybox' }],
        extraVolumes: [{ name: 'audit', emptyDir: {} }],
        probes: { readiness: { timeoutSeconds: 3 } },
        podAdditionalMetadata: { labels: { team: 'a' } },
      },
    });
    const deployment = spec.controlPlane.deployment;
    expect(deployment?.registrySettings).toMatchObject({
      registry: 'mirror.example.com',
      apiServerImage: 'custom-apiserver',
    });
    expect(deployment?.extraArgs).toEqual({ apiServer: ['--v=4'], scheduler: ['--v=2'], kine: ['--debug'] });
    expect(deployment?.additionalVolumeMounts).toEqual({ apiServer: [{ name: 'audit', mountPath: '/audit' }] });
    expect(deployment?.resources).toEqual({
      apiServer: { limits: { cpu: '1' } },
      kine: { requests: { memory: '64Mi' } },
    });
    expect(deployment?.probes).toEqual({
      readiness: { timeoutSeconds: 3 },
      apiServer: { liveness: { periodSeconds: 5 } },
    });
    expect(deployment).toMatchObject({
      nodeSelector: { role: 'cp' },
      runtimeClassName: 'gvisor',
      serviceAccountName: 'tenant',
      additionalContainers: [{ name: 'sidecar', image: 'busybox' }],
      additionalInitContainers: [{ name: 'init', image: 'busybox' }],
      additionalVolumes: [{ name: 'audit', emptyDir: {} }],
      podAdditionalMetadata: { labels: { team: 'a' } },
    });
  });

  it('maps network options: service metadata and ports, addresses, load balancer, DNS from CoreDNS', () => {
    const spec = mapped({
      network: {
        serviceType: 'LoadBalancer',
        serviceAddress: '10.0.0.10',
        advertiseAddress: '10.0.0.11',
        serviceLabels: { a: 'b' },
        serviceAnnotations: { c: 'd' },
        additionalServicePorts: [{ name: 'metrics', port: 9090, targetPort: 'metrics' }],
        certSANs: ['api.example.com'],
        dnsServiceIPs: ['172.26.0.20'],
        loadBalancerConfig: { loadBalancerSourceRanges: ['10.0.0.0/8'], loadBalancerClass: 'metallb' },
      },
      addons: { coreDNS: { imageTag: 'v1.12.0', dnsServiceIPs: ['172.26.0.10'] } },
    });
    expect(spec.controlPlane.service).toEqual({
      serviceType: 'LoadBalancer',
      additionalMetadata: { labels: { a: 'b' }, annotations: { c: 'd' } },
      additionalPorts: [{ name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 'metrics' }],
    });
    expect(spec.networkProfile).toMatchObject({
      address: '10.0.0.10',
      advertiseAddress: '10.0.0.11',
      certSANs: ['api.example.com'],
      dnsServiceIPs: ['172.26.0.10'],
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      loadBalancerClass: 'metallb',
    });
    expect(spec.addons?.coreDNS).toEqual({ imageTag: 'v1.12.0' });
  });

  it('exposes through an ingress or a gateway and adds their host to the SANs', () => {
    const ingress = mapped({
      network: {
        serviceType: 'ClusterIP',
        ingress: { hostname: 'api.example.com:6443', className: 'nginx', extraLabels: { x: 'y' } },
      },
    });
    expect(ingress.controlPlane.ingress).toEqual({
      hostname: 'api.example.com:6443',
      ingressClassName: 'nginx',
      additionalMetadata: { labels: { x: 'y' } },
    });
    expect(ingress.networkProfile?.certSANs).toEqual(['api.example.com']);

    const gateway = mapped({
      network: {
        serviceType: 'ClusterIP',
        gateway: { name: 'gw', namespace: 'infra', hostname: 'tenant.example.com', sectionName: 'tls', port: 443 },
      },
    });
    expect(gateway.controlPlane.gateway).toEqual({
      hostname: 'tenant.example.com',
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'gw',
          namespace: 'infra',
          sectionName: 'tls',
          port: 443,
        },
      ],
    });
    expect(gateway.networkProfile?.certSANs).toEqual(['tenant.example.com']);
  });

  it('rejects certificate SANs with a port', () => {
    expect(() => mapped({ network: { serviceType: 'LoadBalancer', certSANs: ['api.example.com:6443'] } })).toThrow(
      UnsupportedSpecError,
    );
  });
});

describe('helpers', () => {
  it('prefixes versions with v once', () => {
    expect(kubernetesVersion('1.30.2')).toBe('v1.30.2');
    expect(kubernetesVersion('v1.30.2')).toBe('v1.30.2');
  });

  it('strips ports from host names and IPv6 literals', () => {
    expect(stripPort('api.example.com:443')).toBe('api.example.com');
    expect(stripPort('api.example.com')).toBe('api.example.com');
    expect(stripPort('[fd00::1]:443')).toBe('fd00::1');
    expect(stripPort('fd00::1')).toBe('fd00::1');
  });

  it('copies labels, merges annotations without kubectl state, follows the kubeconfig key annotation', () => {
    const source = kcp(
      {},
      {
        labels: { team: 'a' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'x' },
      },
    );
    const meta = tenantControlPlaneMetadata(source, {
      labels: { stale: 'y' },
      annotations: { kamaji: 'keep', [KUBECONFIG_SECRET_KEY_ANNOTATION]: 'old' },
    });
    expect(meta).toEqual({ labels: { team: 'a' }, annotations: { kamaji: 'keep', note: 'x' } });
  });
});
