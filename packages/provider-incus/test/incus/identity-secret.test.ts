import { describe, expect, it } from 'vitest';
import { connectionFromIdentitySecret, IdentitySecretError } from '../../src/incus/index.js';

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('connectionFromIdentitySecret', () => {
  it('reads an https secret with a pinned server certificate and a project', () => {
    expect(
      connectionFromIdentitySecret({
        server: 'https://10.0.1.1:8443/',
        'server-crt': pem,
        'client-crt': 'client-cert',
        'client-key': 'client-key',
        project: 'capi',
      }),
    ).toEqual({
      endpoint: {
        kind: 'https',
        url: 'https://10.0.1.1:8443',
        clientCertificate: 'client-cert',
        clientKey: 'client-key',
        serverCertificate: pem,
        insecureSkipVerify: false,
      },
      project: 'capi',
    });
  });

  it('keeps verification on unless insecure-skip-verify parses as true (Go ParseBool)', () => {
    const base = { server: 'https://h:8443', 'client-crt': 'c', 'client-key': 'k', 'server-crt': pem };
    for (const value of ['true', '1', 'T', 'TRUE']) {
      const { endpoint } = connectionFromIdentitySecret({ ...base, 'insecure-skip-verify': value });
      expect(endpoint).toMatchObject({ insecureSkipVerify: true, serverCertificate: undefined });
    }
    for (const value of ['false', 'yes', '', undefined]) {
      const { endpoint } = connectionFromIdentitySecret({ ...base, 'insecure-skip-verify': value });
      expect(endpoint).toMatchObject({ insecureSkipVerify: false, serverCertificate: pem });
    }
  });

  it('accepts unix:// servers without certificates', () => {
    expect(connectionFromIdentitySecret({ server: 'unix:///var/lib/incus/unix.socket' })).toEqual({
      endpoint: { kind: 'unix', socketPath: '/var/lib/incus/unix.socket' },
      project: undefined,
    });
  });

  it('names the key that is wrong', () => {
    expect(() => connectionFromIdentitySecret({ server: 'http://h:8443' })).toThrow(
      /key "server".*not an https:\/\/ or unix:\/\//,
    );
    expect(() => connectionFromIdentitySecret({ server: 'https://h:8443', 'client-key': 'k' })).toThrow(
      new IdentitySecretError('key "client-crt" is required for an https:// server'),
    );
    expect(() => connectionFromIdentitySecret({ server: 'https://h:8443', 'client-crt': 'c' })).toThrow(
      /key "client-key"/,
    );
    expect(() => connectionFromIdentitySecret({ server: 'unix://' })).toThrow(/no socket path/);
  });
});
