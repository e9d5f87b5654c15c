import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createCertificateAuthority, issueCertificate, type KeyPair } from '@capi-ts/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsEndpoint, IncusClient, IncusConnectionError } from '../../src/incus/index.js';

// A local HTTPS server standing in for the daemon: it answers GET /1.0 with the client certificate's
// common name, so the tests see both server verification and client authentication.
let server: https.Server;
let url: string;
let serverPair: KeyPair;
let clientPair: KeyPair;
let otherServerPair: KeyPair;

beforeAll(async () => {
  const ca = await createCertificateAuthority('incus-test-ca', { keyAlgorithm: 'ecdsa' });
  // The daemon's certificate names a host the client does not use, as Incus certificates usually do.
  serverPair = await issueCertificate(ca, {
    commonName: 'root@incus',
    dnsNames: ['incus.invalid'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  otherServerPair = await issueCertificate(ca, {
    commonName: 'other',
    dnsNames: ['other.invalid'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  clientPair = await issueCertificate(ca, { commonName: 'capn-client', usages: ['client'], keyAlgorithm: 'ecdsa' });
  server = https.createServer(
    { cert: serverPair.cert, key: serverPair.key, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          type: 'sync',
          status_code: 200,
          metadata: { auth: peer.subject?.CN === 'capn-client' ? 'trusted' : 'untrusted', api_extensions: [] },
        }),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function clientFor(endpoint: Partial<HttpsEndpoint>): IncusClient {
  return new IncusClient({
    endpoint: { kind: 'https', url, clientCertificate: clientPair.cert, clientKey: clientPair.key, ...endpoint },
  });
}

describe('HTTPS transport', () => {
  it('trusts a pinned server certificate whatever host name it carries, and presents the client certificate', async () => {
    const client = clientFor({ serverCertificate: serverPair.cert });
    expect((await client.getServer()).auth).toBe('trusted');
    client.close();
  });

  it('rejects a server whose certificate is not the pinned one', async () => {
    const client = clientFor({ serverCertificate: otherServerPair.cert });
    await expect(client.getServer()).rejects.toBeInstanceOf(IncusConnectionError);
    client.close();
  });

  it('verifies against system CAs when nothing is pinned', async () => {
    const client = clientFor({});
    await expect(client.getServer()).rejects.toThrow(/certificate/);
    client.close();
  });

  it('skips verification only when asked', async () => {
    const client = clientFor({ insecureSkipVerify: true });
    expect((await client.getServer()).auth).toBe('trusted');
    client.close();
  });

  it('refuses a non-https URL', () => {
    expect(() => clientFor({ url: 'http://127.0.0.1:1' })).toThrow(/is not https:\/\//);
  });
});
