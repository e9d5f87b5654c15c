import { createCertificateAuthority, issueCertificate, type Secret } from '@capi-ts/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectIncus,
  credentialsFromSecretData,
  IncusConnectionFailure,
  IncusConnections,
  requireExtensions,
} from '../../src/connection/index.js';
import {
  ensureHttpsListener,
  ensureIncus,
  type HttpsListener,
  type TrustedClientCertificate,
  trustedClientCertificate,
  uniqueName,
} from '../../test-support/index.js';

const incus = await ensureIncus();

/** Connects with identity-secret data and returns the failure it ends in. */
async function failureOf(data: Record<string, string>): Promise<IncusConnectionFailure> {
  try {
    const connection = await connectIncus(credentialsFromSecretData('ns/lxc-secret', data), 3_000);
    connection.client.close();
  } catch (error) {
    expect(error).toBeInstanceOf(IncusConnectionFailure);
    return error as IncusConnectionFailure;
  }
  throw new Error('the connection succeeded');
}

describe.skipIf(!incus.available)('identity secret → connection, against the real daemon', () => {
  if (!incus.available) return;
  const { client: admin } = incus;
  let listener: HttpsListener;
  let trusted: TrustedClientCertificate;
  let secret: Record<string, string>;

  beforeAll(async () => {
    listener = await ensureHttpsListener(admin);
    trusted = await trustedClientCertificate(admin, uniqueName('conn'));
    secret = {
      server: listener.url,
      'server-crt': listener.serverCertificate,
      'client-crt': trusted.cert,
      'client-key': trusted.key,
    };
  });
  afterAll(async () => trusted?.remove());

  it('connects over HTTPS verifying the server against server-crt, and detects Incus and its extensions', async () => {
    const connection = await connectIncus(credentialsFromSecretData('ns/s', secret));
    try {
      expect(connection.kind).toBe('incus');
      expect(connection.clustered).toBe(false);
      expect(connection.missingExtensions('network_load_balancer', 'container_full')).toEqual([]);
      const names = (await connection.client.instances.list()).map((i) => i.name);
      expect(Array.isArray(names)).toBe(true);
    } finally {
      connection.client.close();
    }
  });

  it('uses the project of the secret', async () => {
    const connection = await connectIncus(credentialsFromSecretData('ns/s', { ...secret, project: 'default' }));
    expect(connection.client.transport.project).toBe('default');
    connection.client.close();
  });

  it('connects over the unix socket (server: unix:///...)', async () => {
    const connection = await connectIncus(
      credentialsFromSecretData('ns/s', { server: 'unix:///var/lib/incus/unix.socket' }),
    );
    expect(connection.kind).toBe('incus');
    connection.client.close();
  });

  it('connects without server-crt only when insecure-skip-verify is true', async () => {
    const { 'server-crt': _pinned, ...unpinned } = secret;
    const failure = await failureOf(unpinned);
    expect(failure.reason).toBe('IncusServerCertificateRejected');
    const connection = await connectIncus(
      credentialsFromSecretData('ns/s', { ...unpinned, 'insecure-skip-verify': 'true' }),
    );
    expect(connection.kind).toBe('incus');
    connection.client.close();
  });

  it('rejects a server whose certificate is not server-crt', async () => {
    const other = await createCertificateAuthority('not-the-server', { keyAlgorithm: 'ecdsa' });
    const failure = await failureOf({ ...secret, 'server-crt': other.cert });
    expect(failure.reason).toBe('IncusServerCertificateRejected');
    expect(failure.message).toContain(listener.url);
    expect(failure.terminal).toBe(false);
  });

  it('reports a client certificate the server does not trust', async () => {
    const ca = await createCertificateAuthority('stranger-ca', { keyAlgorithm: 'ecdsa' });
    const stranger = await issueCertificate(ca, { commonName: 'stranger', usages: ['client'], keyAlgorithm: 'ecdsa' });
    const failure = await failureOf({ ...secret, 'client-crt': stranger.cert, 'client-key': stranger.key });
    expect(failure.reason).toBe('IncusClientNotTrusted');
    expect(failure.message).toContain('incus config trust add-certificate');
  });

  it('reports an unreachable server', async () => {
    const failure = await failureOf({ ...secret, server: 'https://127.0.0.1:1' });
    expect(failure.reason).toBe('IncusServerUnreachable');
    expect(failure.message).toContain('https://127.0.0.1:1');
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it.each([
    ['missing client-key', { 'client-key': '' }, 'key "client-key" is required'],
    ['garbage client-crt', { 'client-crt': 'not a certificate' }, 'key "client-crt" is not a PEM certificate'],
    ['garbage server-crt', { 'server-crt': '-----BEGIN CERTIFICATE-----\nAAAA\n' }, '"server-crt" is not a PEM'],
    ['not a URL', { server: '10.0.0.1:8443' }, 'key "server"'],
  ])('rejects %s as IdentitySecretInvalid without quoting secret values', async (_case, change, message) => {
    const failure = await failureOf({ ...secret, ...change });
    expect(failure.reason).toBe('IdentitySecretInvalid');
    expect(failure.terminal).toBe(true);
    expect(failure.message).toContain(message);
    expect(failure.message).not.toContain('PRIVATE KEY');
    expect(failure.message).not.toContain(trusted.key.slice(40, 80));
  });

  it('rejects a client key that belongs to another certificate', async () => {
    const ca = await createCertificateAuthority('other-ca', { keyAlgorithm: 'ecdsa' });
    const failure = await failureOf({ ...secret, 'client-key': ca.key });
    expect(failure.reason).toBe('IdentitySecretInvalid');
    expect(failure.message).toContain('does not belong');
  });

  it('names missing server extensions (Incus 6.0 here lacks instance_oci)', async () => {
    const connection = await connectIncus(credentialsFromSecretData('ns/s', secret));
    try {
      expect(() => requireExtensions(connection, 'the ovn load balancer', 'network_load_balancer')).not.toThrow();
      const failure = (() => {
        try {
          requireExtensions(connection, 'the oci load balancer', 'instance_oci', 'capi_ts_no_such_extension');
        } catch (error) {
          return error as IncusConnectionFailure;
        }
      })();
      expect(failure?.reason).toBe('MissingServerExtension');
      expect(failure?.terminal).toBe(true);
      expect(failure?.message).toMatch(
        /^the oci load balancer needs the server API extensions (instance_oci, )?capi_ts_no_such_extension, which incus 6\.0/,
      );
      expect(connection.missingExtensions('instance_oci')).toEqual(['instance_oci']);
    } finally {
      connection.client.close();
    }
  });

  describe('IncusConnections', () => {
    const secrets = new Map<string, Secret>();
    const connections = new IncusConnections(async (namespace, name) => secrets.get(`${namespace}/${name}`));
    const store = (data: Record<string, string>, resourceVersion: string) =>
      secrets.set('ns/identity', {
        metadata: { name: 'identity', namespace: 'ns', resourceVersion },
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      });
    afterAll(() => connections.close());

    it('reports a missing Secret, then connects once it exists', async () => {
      await expect(connections.forSecret('ns', 'identity')).rejects.toMatchObject({
        reason: 'IdentitySecretNotFound',
        message: 'identity secret ns/identity does not exist',
      });
      await expect(connections.forSecret('ns', undefined)).rejects.toMatchObject({
        reason: 'IdentitySecretNotFound',
      });
      store(secret, '1');
      expect((await connections.forSecret('ns', 'identity')).kind).toBe('incus');
    });

    it('reuses the connection while the Secret is unchanged and reconnects when it changes', async () => {
      store(secret, '1');
      const first = await connections.forSecret('ns', 'identity');
      expect(await connections.forSecret('ns', 'identity')).toBe(first);
      store({ ...secret, server: 'https://127.0.0.1:1' }, '2');
      await expect(connections.forSecret('ns', 'identity')).rejects.toMatchObject({
        reason: 'IncusServerUnreachable',
      });
      store(secret, '3');
      const third = await connections.forSecret('ns', 'identity');
      expect(third).not.toBe(first);
    });
  });
});
