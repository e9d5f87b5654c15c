import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ContentTemplateError,
  encodeBootstrapValue,
  fileDiscoveryKubeconfig,
  renderContentTemplate,
} from '../../src/controllers/kubeadmconfig/index.js';

describe('contentFormat: Template', () => {
  const data = { controlPlane: { version: 'v1.31.2' } };

  it('substitutes field references, honouring trim markers and comments', () => {
    expect(renderContentTemplate('kubeadm={{ .controlPlane.version }}\n', data, '/f')).toBe('kubeadm=v1.31.2\n');
    expect(renderContentTemplate('a  {{- .controlPlane.version -}}  b', data, '/f')).toBe('av1.31.2b');
    expect(renderContentTemplate('x{{/* note */}}y', data, '/f')).toBe('xy');
    expect(renderContentTemplate('no actions', {}, '/f')).toBe('no actions');
  });

  it('refuses a missing control-plane version and unsupported actions, naming the file', () => {
    expect(() => renderContentTemplate('{{ .controlPlane.version }}', {}, '/etc/v')).toThrow(
      'file /etc/v: template field .controlPlane.version has no value (the Cluster has no controlPlaneRef, or its control plane has no spec.version)',
    );
    expect(() => renderContentTemplate('{{ if .controlPlane }}x{{ end }}', data, '/etc/v')).toThrow(
      ContentTemplateError,
    );
  });
});

describe('bootstrap data encoding', () => {
  it('gzips cloud-config only when asked', () => {
    const data = { format: 'cloud-config' as const, value: '## template: jinja\n#cloud-config\n' };
    expect(encodeBootstrapValue(data, false).toString('utf8')).toBe(data.value);
    const gz = encodeBootstrapValue(data, true);
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(gz).toString('utf8')).toBe(data.value);
  });

  it('never gzips Ignition', () => {
    const data = { format: 'ignition' as const, value: '{"ignition":{"version":"3.4.0"}}' };
    expect(encodeBootstrapValue(data, true).toString('utf8')).toBe(data.value);
  });
});

describe('file discovery kubeconfig', () => {
  it('is written with the Cluster endpoint and CA and an exec user, all named default', () => {
    const file = fileDiscoveryKubeconfig(
      {
        kubeConfigPath: '/etc/kubernetes/discovery.conf',
        kubeConfig: { user: { exec: { command: '/usr/bin/token', args: ['--cluster', 'demo'] } } },
      },
      { apiServerEndpoint: 'demo.example.com:6443', caCertificate: 'PEM' },
    );
    expect(file).toMatchObject({ path: '/etc/kubernetes/discovery.conf', owner: 'root:root', permissions: '0640' });
    expect(file?.content).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        `    certificate-authority-data: ${Buffer.from('PEM').toString('base64')}`,
        '    server: https://demo.example.com:6443',
        '  name: default',
        'contexts:',
        '- context:',
        '    cluster: default',
        '    user: default',
        '  name: default',
        'current-context: default',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: default',
        '  user:',
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1',
        '      args:',
        '      - --cluster',
        '      - demo',
        '      command: /usr/bin/token',
        '      env: null',
        '      interactiveMode: Never',
        '      provideClusterInfo: false',
        '',
      ].join('\n'),
    );
  });

  it('is not written when the user brings the file', () => {
    expect(
      fileDiscoveryKubeconfig({ kubeConfigPath: '/x' }, { apiServerEndpoint: 'a:1', caCertificate: 'c' }),
    ).toBeUndefined();
  });
});
