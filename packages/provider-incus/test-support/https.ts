import { createCertificateAuthority, issueCertificate } from '@capi-ts/sdk';
import type { IncusClient } from '../src/incus/client.js';
import { isIncusNotFound } from '../src/incus/errors.js';

/** The daemon's HTTPS listener as a remote client sees it. */
export interface HttpsListener {
  /** e.g. `https://127.0.0.1:8443`. */
  url: string;
  /** PEM server certificate (what an identity secret's `server-crt` holds). */
  serverCertificate: string;
}

/** A client certificate the daemon trusts until `remove()`. */
export interface TrustedClientCertificate {
  cert: string;
  key: string;
  fingerprint: string;
  remove(): Promise<void>;
}

/**
 * Makes the daemon listen on HTTPS. When `core.https_address` is unset it is set to `address`
 * (loopback by default, and left in place for later runs); an existing listener is reused.
 */
export async function ensureHttpsListener(client: IncusClient, address = '127.0.0.1:8443'): Promise<HttpsListener> {
  let server = await client.getServer();
  let listen = String(server.config?.['core.https_address'] ?? '');
  if (listen === '') {
    await client.patchServerConfig({ 'core.https_address': address });
    server = await client.getServer();
    listen = address;
  }
  const port = listen.slice(listen.lastIndexOf(':') + 1) || '8443';
  let host = listen.slice(0, listen.lastIndexOf(':'));
  if (host === '' || host === '[::]' || host === '0.0.0.0') host = '127.0.0.1';
  const certificate = server.environment?.certificate;
  if (!certificate) throw new Error('the Incus daemon did not report its certificate');
  return { url: `https://${host}:${port}`, serverCertificate: certificate };
}

/** Issues a client certificate and adds it to the daemon's trust store under `name`. */
export async function trustedClientCertificate(client: IncusClient, name: string): Promise<TrustedClientCertificate> {
  const ca = await createCertificateAuthority(`${name}-ca`, { keyAlgorithm: 'ecdsa' });
  const pair = await issueCertificate(ca, { commonName: name, usages: ['client'], keyAlgorithm: 'ecdsa' });
  const fingerprint = await client.certificates.create({ name, type: 'client', certificate: pair.cert });
  return {
    ...pair,
    fingerprint,
    remove: async () => {
      await client.certificates.delete(fingerprint).catch((error: unknown) => {
        if (!isIncusNotFound(error)) throw error;
      });
    },
  };
}
