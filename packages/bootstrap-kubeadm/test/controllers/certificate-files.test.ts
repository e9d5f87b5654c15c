import { describe, expect, it } from 'vitest';
import {
  certificateSecretName,
  controlPlaneCertificateFiles,
} from '../../src/controllers/kubeadmconfig/certificate-files.js';

const pair = (name: string) => ({ cert: `${name}-cert`, key: `${name}-key` });
const material = { ca: pair('ca'), etcd: pair('etcd'), proxy: pair('proxy'), sa: pair('sa') };

describe('control-plane certificate files', () => {
  it('writes every CA and the service-account keys under the certificates directory, in upstream order', () => {
    const files = controlPlaneCertificateFiles(undefined, material);
    expect(files.map((f) => [f.path, f.permissions, f.content])).toEqual([
      ['/etc/kubernetes/pki/ca.crt', '0640', 'ca-cert'],
      ['/etc/kubernetes/pki/ca.key', '0600', 'ca-key'],
      ['/etc/kubernetes/pki/etcd/ca.crt', '0640', 'etcd-cert'],
      ['/etc/kubernetes/pki/etcd/ca.key', '0600', 'etcd-key'],
      ['/etc/kubernetes/pki/front-proxy-ca.crt', '0640', 'proxy-cert'],
      ['/etc/kubernetes/pki/front-proxy-ca.key', '0600', 'proxy-key'],
      ['/etc/kubernetes/pki/sa.pub', '0640', 'sa-cert'],
      ['/etc/kubernetes/pki/sa.key', '0600', 'sa-key'],
    ]);
    expect(files.every((f) => f.owner === 'root:root')).toBe(true);
  });

  it('uses the external etcd paths and the API server etcd client certificate', () => {
    const config = {
      certificatesDir: '/pki',
      etcd: {
        external: {
          endpoints: ['https://e:2379'],
          caFile: '/etcd/ca.pem',
          certFile: '/etcd/c.pem',
          keyFile: '/etcd/c.key',
        },
      },
    };
    const files = controlPlaneCertificateFiles(config, {
      ...material,
      etcd: { cert: 'etcd-ca' },
      'apiserver-etcd-client': pair('client'),
    });
    expect(files.map((f) => f.path)).toEqual([
      '/pki/ca.crt',
      '/pki/ca.key',
      '/etcd/ca.pem',
      '/pki/front-proxy-ca.crt',
      '/pki/front-proxy-ca.key',
      '/pki/sa.pub',
      '/pki/sa.key',
      '/etcd/c.pem',
      '/etcd/c.key',
    ]);
  });

  it('skips missing material and names the Secrets as Cluster API does', () => {
    expect(controlPlaneCertificateFiles(undefined, { ca: { cert: 'c' } }).map((f) => f.path)).toEqual([
      '/etc/kubernetes/pki/ca.crt',
    ]);
    expect(certificateSecretName('c1', 'proxy')).toBe('c1-proxy');
  });
});
