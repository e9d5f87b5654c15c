import { describe, expect, it } from 'vitest';
import {
  clusterConfigurationDocument,
  goDuration,
  initConfigurationDocument,
  joinConfigurationDocument,
  kubeadmApiVersionFor,
  marshalGoYaml,
  UnsupportedKubernetesVersionError,
} from '../../src/kubeadm/index.js';

// Vectors of CABPK's `pkg/types/utils_test.go` and the YAML its controller embeds in bootstrap data.

describe('kubeadm API version by Kubernetes version', () => {
  it.each([
    ['v1.22.0', 'kubeadm.k8s.io/v1beta3'],
    ['1.30.99', 'kubeadm.k8s.io/v1beta3'],
    ['v1.31.0', 'kubeadm.k8s.io/v1beta4'],
    ['v1.36.1+k3s1', 'kubeadm.k8s.io/v1beta4'],
    ['99.99.99', 'kubeadm.k8s.io/v1beta4'],
  ])('%s → %s', (version, apiVersion) => {
    expect(kubeadmApiVersionFor(version)).toBe(apiVersion);
  });

  it.each(['v1.21.9', '1.13.0', 'latest'])('refuses %s', (version) => {
    expect(() => kubeadmApiVersionFor(version)).toThrow(UnsupportedKubernetesVersionError);
  });
});

describe('Go durations', () => {
  it.each([
    [0, '0s'],
    [30, '30s'],
    [240, '4m0s'],
    [3600, '1h0m0s'],
    [900, '15m0s'],
    [31536000, '8760h0m0s'],
  ])('%i s → %s', (seconds, text) => {
    expect(goDuration(seconds)).toBe(text);
  });
});

describe('ClusterConfiguration', () => {
  it('is empty structs only for an empty v1beta3 configuration', () => {
    const doc = clusterConfigurationDocument(undefined, {}, 'kubeadm.k8s.io/v1beta3');
    expect(marshalGoYaml(doc)).toBe(
      'apiServer: {}\n' +
        'apiVersion: kubeadm.k8s.io/v1beta3\n' +
        'controllerManager: {}\n' +
        'dns: {}\n' +
        'etcd: {}\n' +
        'kind: ClusterConfiguration\n' +
        'networking: {}\n' +
        'scheduler: {}\n',
    );
  });

  const data = {
    clusterName: 'mycluster',
    kubernetesVersion: 'v1.30.2',
    controlPlaneEndpoint: '10.0.0.1:6443',
    dnsDomain: 'cluster.local',
    serviceSubnet: '10.96.0.0/12',
    podSubnet: '192.168.0.0/16',
    controlPlaneComponentHealthCheckSeconds: 30,
  };

  it('carries the Cluster-derived values, and the health check timeout on the API server in v1beta3', () => {
    expect(marshalGoYaml(clusterConfigurationDocument({}, data, 'kubeadm.k8s.io/v1beta3'))).toBe(
      'apiServer:\n' +
        '  timeoutForControlPlane: 30s\n' +
        'apiVersion: kubeadm.k8s.io/v1beta3\n' +
        'clusterName: mycluster\n' +
        'controlPlaneEndpoint: 10.0.0.1:6443\n' +
        'controllerManager: {}\n' +
        'dns: {}\n' +
        'etcd: {}\n' +
        'kind: ClusterConfiguration\n' +
        'kubernetesVersion: v1.30.2\n' +
        'networking:\n' +
        '  dnsDomain: cluster.local\n' +
        '  podSubnet: 192.168.0.0/16\n' +
        '  serviceSubnet: 10.96.0.0/12\n' +
        'scheduler: {}\n',
    );
  });

  it('adds proxy and writes arguments as lists in v1beta4', () => {
    const doc = clusterConfigurationDocument(
      {
        controlPlaneEndpoint: 'api.example.com:6443',
        apiServer: { extraArgs: [{ name: 'cloud-provider', value: 'external' }], certSANs: ['localhost'] },
        etcd: { local: { extraArgs: [{ name: 'quota-backend-bytes', value: '8589934592' }] } },
        certificateValidityPeriodDays: 365,
        encryptionAlgorithm: 'ECDSA-P256',
        featureGates: { EtcdLearnerMode: true },
      },
      { ...data, kubernetesVersion: 'v1.32.0' },
      'kubeadm.k8s.io/v1beta4',
    );
    expect(marshalGoYaml(doc)).toBe(
      'apiServer:\n' +
        '  certSANs:\n' +
        '  - localhost\n' +
        '  extraArgs:\n' +
        '  - name: cloud-provider\n' +
        '    value: external\n' +
        'apiVersion: kubeadm.k8s.io/v1beta4\n' +
        'certificateValidityPeriod: 8760h0m0s\n' +
        'clusterName: mycluster\n' +
        'controlPlaneEndpoint: api.example.com:6443\n' +
        'controllerManager: {}\n' +
        'dns: {}\n' +
        'encryptionAlgorithm: ECDSA-P256\n' +
        'etcd:\n' +
        '  local:\n' +
        '    dataDir: ""\n' +
        '    extraArgs:\n' +
        '    - name: quota-backend-bytes\n' +
        '      value: "8589934592"\n' +
        'featureGates:\n' +
        '  EtcdLearnerMode: true\n' +
        'kind: ClusterConfiguration\n' +
        'kubernetesVersion: v1.32.0\n' +
        'networking:\n' +
        '  dnsDomain: cluster.local\n' +
        '  podSubnet: 192.168.0.0/16\n' +
        '  serviceSubnet: 10.96.0.0/12\n' +
        'proxy: {}\n' +
        'scheduler: {}\n',
    );
  });
});

describe('InitConfiguration and JoinConfiguration', () => {
  const nodeRegistration = { ignorePreflightErrors: ['some-preflight-check'] };

  it('v1beta3 InitConfiguration keeps the empty endpoint and null taints', () => {
    expect(marshalGoYaml(initConfigurationDocument({ nodeRegistration }, 'kubeadm.k8s.io/v1beta3'))).toBe(
      'apiVersion: kubeadm.k8s.io/v1beta3\n' +
        'kind: InitConfiguration\n' +
        'localAPIEndpoint: {}\n' +
        'nodeRegistration:\n' +
        '  ignorePreflightErrors:\n' +
        '  - some-preflight-check\n' +
        '  taints: null\n',
    );
  });

  it('v1beta3 JoinConfiguration keeps the empty discovery', () => {
    expect(marshalGoYaml(joinConfigurationDocument({ nodeRegistration }, 'kubeadm.k8s.io/v1beta3'))).toBe(
      'apiVersion: kubeadm.k8s.io/v1beta3\n' +
        'discovery: {}\n' +
        'kind: JoinConfiguration\n' +
        'nodeRegistration:\n' +
        '  ignorePreflightErrors:\n' +
        '  - some-preflight-check\n' +
        '  taints: null\n',
    );
  });

  it('v1beta4 InitConfiguration carries timeouts, list kubelet arguments, quoted Jinja names and empty taints', () => {
    const doc = initConfigurationDocument(
      {
        bootstrapTokens: [{ token: 'abcdef.0123456789abcdef', ttlSeconds: 3600, usages: ['signing'] }],
        nodeRegistration: {
          name: '{{ ds.meta_data.local_hostname }}',
          taints: [],
          kubeletExtraArgs: [{ name: 'eviction-hard', value: 'nodefs.available<0%' }],
          imagePullSerial: true,
        },
        timeouts: { controlPlaneComponentHealthCheckSeconds: 50 },
      },
      'kubeadm.k8s.io/v1beta4',
    );
    expect(marshalGoYaml(doc)).toBe(
      'apiVersion: kubeadm.k8s.io/v1beta4\n' +
        'bootstrapTokens:\n' +
        '- token: abcdef.0123456789abcdef\n' +
        '  ttl: 1h0m0s\n' +
        '  usages:\n' +
        '  - signing\n' +
        'kind: InitConfiguration\n' +
        'localAPIEndpoint: {}\n' +
        'nodeRegistration:\n' +
        '  imagePullSerial: true\n' +
        '  kubeletExtraArgs:\n' +
        '  - name: eviction-hard\n' +
        '    value: nodefs.available<0%\n' +
        "  name: '{{ ds.meta_data.local_hostname }}'\n" +
        '  taints: []\n' +
        'timeouts:\n' +
        '  controlPlaneComponentHealthCheck: 50s\n',
    );
  });

  it('a control-plane join with token discovery, the TLS bootstrap timeout as the v1beta3 discovery timeout and a taint', () => {
    const doc = joinConfigurationDocument(
      {
        controlPlane: {},
        discovery: {
          bootstrapToken: {
            token: 'abcdef.0123456789abcdef',
            apiServerEndpoint: '10.0.0.1:6443',
            caCertHashes: ['sha256:ab'],
          },
        },
        nodeRegistration: {
          taints: [{ key: 'node.cluster.x-k8s.io/uninitialized', effect: 'NoSchedule' }],
          kubeletExtraArgs: [{ name: 'node-labels', value: 'a=b' }],
        },
        timeouts: { tlsBootstrapSeconds: 300 },
      },
      'kubeadm.k8s.io/v1beta3',
    );
    expect(marshalGoYaml(doc)).toBe(
      'apiVersion: kubeadm.k8s.io/v1beta3\n' +
        'controlPlane:\n' +
        '  localAPIEndpoint: {}\n' +
        'discovery:\n' +
        '  bootstrapToken:\n' +
        '    apiServerEndpoint: 10.0.0.1:6443\n' +
        '    caCertHashes:\n' +
        '    - sha256:ab\n' +
        '    token: abcdef.0123456789abcdef\n' +
        '  timeout: 5m0s\n' +
        'kind: JoinConfiguration\n' +
        'nodeRegistration:\n' +
        '  kubeletExtraArgs:\n' +
        '    node-labels: a=b\n' +
        '  taints:\n' +
        '  - effect: NoSchedule\n' +
        '    key: node.cluster.x-k8s.io/uninitialized\n',
    );
  });
});

describe('go-yaml scalars', () => {
  it.each([
    ['plain', 'plain'],
    ['', '""'],
    ['true', '"true"'],
    ['yes', '"yes"'],
    ['123', '"123"'],
    ['1.5', '"1.5"'],
    ['0.0.0.0', '0.0.0.0'],
    ['a: b', "'a: b'"],
    ["it's: x", "'it''s: x'"],
    ['# comment', "'# comment'"],
    ['- dash', "'- dash'"],
    ['tab\there', '"tab\\there"'],
  ])('%j → %s', (value, text) => {
    expect(marshalGoYaml({ k: value })).toBe(`k: ${text}\n`);
  });

  it('folds long plain strings at spaces past column 80', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    const out = marshalGoYaml({ description: words });
    expect(out.split('\n')[0]?.length).toBeLessThanOrEqual(90);
    expect(out).toContain('\n  word');
  });

  it('sorts keys as go-yaml does: non-letters first, numbers by value', () => {
    expect(marshalGoYaml({ b: 1, a10: 1, a9: 1, B: 1, '-x': 1 })).toBe('-x: 1\nB: 1\na9: 1\na10: 1\nb: 1\n');
  });
});
