import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  apiServerUrl,
  bootstrapDataSecret,
  certificateAuthorityFromSecret,
  clusterSecretName,
  kubeconfigFromSecret,
  parseClusterSecretName,
  renderKubeconfig,
} from '../../src/capi/index.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('cluster Secret names', () => {
  it('are <cluster>-<purpose> and parse back for the purposes Cluster API knows', () => {
    expect(clusterSecretName('prod', 'kubeconfig')).toBe('prod-kubeconfig');
    expect(parseClusterSecretName('prod-eu-ca')).toEqual({ clusterName: 'prod-eu', purpose: 'ca' });
    expect(parseClusterSecretName('prod-apiserver-etcd-client')).toEqual({
      clusterName: 'prod',
      purpose: 'apiserver-etcd-client',
    });
    expect(parseClusterSecretName('prod-something')).toBeUndefined();
    expect(parseClusterSecretName('prod')).toBeUndefined();
  });
});

describe('kubeconfig rendering', () => {
  it('names the cluster, user and context as Cluster API does', () => {
    const yaml = renderKubeconfig({
      clusterName: 'c1',
      server: 'https://[fd00::1]:6443',
      caCert: 'CA',
      clientCert: 'CERT',
      clientKey: 'KEY',
    });
    expect(parse(yaml)).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'c1', cluster: { server: 'https://[fd00::1]:6443', 'certificate-authority-data': b64('CA') } },
      ],
      users: [{ name: 'c1-admin', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } }],
      contexts: [{ name: 'c1-admin@c1', context: { cluster: 'c1', user: 'c1-admin' } }],
      'current-context': 'c1-admin@c1',
      preferences: {},
    });
  });

  it('builds the server URL from the endpoint, bracketing IPv6 hosts', () => {
    expect(apiServerUrl({ host: 'api.example.com', port: 6443 })).toBe('https://api.example.com:6443');
    expect(apiServerUrl({ host: 'fd00::1', port: 443 })).toBe('https://[fd00::1]:443');
    expect(() => apiServerUrl({ host: 'h' })).toThrow(/no host or port/);
  });

  it('reads the value key and refuses Secrets without it', () => {
    expect(kubeconfigFromSecret({ metadata: {}, data: { value: b64('apiVersion: v1') } })).toBe('apiVersion: v1');
    expect(() => kubeconfigFromSecret({ metadata: { namespace: 'n', name: 's' }, data: {} })).toThrow(
      'Secret n/s has no "value" key',
    );
  });
});

describe('certificate and bootstrap Secrets', () => {
  it('reads a CA with or without its key, and refuses one without a certificate', () => {
    expect(
      certificateAuthorityFromSecret({ metadata: {}, data: { 'tls.crt': b64('C'), 'tls.key': b64('K') } }),
    ).toMatchObject({
      cert: 'C',
      key: 'K',
    });
    expect(certificateAuthorityFromSecret({ metadata: {}, data: { 'tls.crt': b64('C') } }).key).toBeUndefined();
    expect(() => certificateAuthorityFromSecret({ metadata: { namespace: 'n', name: 'x-ca' } })).toThrow(
      'Secret n/x-ca has no tls.crt',
    );
  });

  it('builds the bootstrap data Secret the contract requires', () => {
    const config = {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
      kind: 'MicroK8sConfig',
      metadata: { name: 'm-1', namespace: 'ns', uid: 'u-1' },
    };
    expect(bootstrapDataSecret({ config, clusterName: 'c1', value: 'DATA', format: 'ignition' })).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'm-1',
        namespace: 'ns',
        labels: { 'cluster.x-k8s.io/cluster-name': 'c1' },
        ownerReferences: [
          {
            apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
            kind: 'MicroK8sConfig',
            name: 'm-1',
            uid: 'u-1',
            controller: true,
          },
        ],
      },
      type: 'cluster.x-k8s.io/secret',
      data: { value: b64('DATA'), format: b64('ignition') },
    });
    expect(bootstrapDataSecret({ config, clusterName: 'c1', value: 'x' }).data?.format).toBe(b64('cloud-config'));
  });
});
