import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { createCertificateAuthority, issueCertificate, type KeyPair } from '../../src/pki/index.js';
import { MAX_REQUEST_BYTES, WebhookRequestError, WebhookServer } from '../../src/webhooks/index.js';
import { post } from './https-client.js';

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const serial = (pem: string) => new X509Certificate(pem).serialNumber;

describe('WebhookServer', () => {
  let ca: KeyPair;
  let serving: KeyPair;
  let server: WebhookServer;
  const stop = new AbortController();
  let running: Promise<void>;
  let base: string;

  beforeAll(async () => {
    ca = await createCertificateAuthority('webhook-test-ca', { keyAlgorithm: 'ecdsa' });
    serving = await issueCertificate(ca, {
      commonName: 'webhook',
      ipAddresses: ['127.0.0.1'],
      usages: ['server'],
      keyAlgorithm: 'ecdsa',
    });
    server = new WebhookServer({ host: '127.0.0.1', port: 0, cert: serving, logger: silentLogger() });
    server.register('/echo', (body) => ({ received: body }));
    server.register('/bad-request', () => {
      throw new WebhookRequestError('no uid');
    });
    server.register('/crash', () => {
      throw new Error('boom');
    });
    expect(() => server.port).toThrow(/not listening/);
    running = server.start(stop.signal);
    await server.whenListening();
    base = `https://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    stop.abort();
    await running;
  });

  it('is a Runnable that does not need leader election', () => {
    expect(server.name).toBe('webhook-server');
    expect(server.needsLeaderElection).toBe(false);
    expect(server.port).toBeGreaterThan(0);
    expect(server.isListening).toBe(true);
  });

  it('serves registered handlers over TLS with JSON in and out', async () => {
    const answer = await post(`${base}/echo`, ca.cert, JSON.stringify({ hello: 'world' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual({ received: { hello: 'world' } });
    expect(serial(answer.peerCertificate)).toBe(serial(serving.cert));
  });

  it('refuses TLS older than 1.2', async () => {
    await expect(post(`${base}/echo`, ca.cert, '{}', { maxVersion: 'TLSv1.1' })).rejects.toThrow();
    const tls12 = await post(`${base}/echo`, ca.cert, '{}', { maxVersion: 'TLSv1.2' });
    expect(tls12.status).toBe(200);
  });

  it('answers failures with a JSON Status and the right code', async () => {
    const cases: Array<[string, Parameters<typeof post>[3], string, number, RegExp]> = [
      ['/missing', {}, '{}', 404, /no webhook is registered at \/missing/],
      ['/echo', { method: 'PUT' }, '{}', 405, /use POST/],
      ['/echo', { contentType: 'text/plain' }, '{}', 415, /application\/json/],
      ['/echo', {}, '{not json', 400, /not JSON/],
      ['/bad-request', {}, '{}', 400, /no uid/],
      ['/crash', {}, '{}', 500, /boom/],
    ];
    for (const [pathname, options, body, code, message] of cases) {
      const answer = await post(`${base}${pathname}`, ca.cert, body, options);
      expect(answer.status, pathname).toBe(code);
      expect(answer.body).toMatchObject({ kind: 'Status', status: 'Failure', code });
      expect((answer.body as { message: string }).message).toMatch(message);
    }
  });

  it('limits the request body size, by header and while streaming', async () => {
    const big = Buffer.alloc(MAX_REQUEST_BYTES + 1, 0x20);
    const declared = await post(`${base}/echo`, ca.cert, big);
    expect(declared.status).toBe(413);
    const streamed = await post(`${base}/echo`, ca.cert, big, { chunked: true });
    expect(streamed.status).toBe(413);
    expect((streamed.body as { message: string }).message).toMatch(/exceeds/);
  });

  it('refuses a second handler on the same path and paths without a slash', () => {
    expect(() => server.register('/echo', () => ({}))).toThrow(/already registered/);
    expect(() => server.register('convert', () => ({}))).toThrow(/must start with/);
  });
});

describe('WebhookServer with a certificate folder', () => {
  it('serves tls.crt/tls.key from certDir and reloads them when kubelet swaps the mounted Secret', async () => {
    const ca = await createCertificateAuthority('rotation-ca', { keyAlgorithm: 'ecdsa' });
    const issue = () =>
      issueCertificate(ca, {
        commonName: 'webhook',
        ipAddresses: ['127.0.0.1'],
        usages: ['server'],
        keyAlgorithm: 'ecdsa',
      });
    const [first, second] = [await issue(), await issue()];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webhook-certs-'));
    // The layout of a mounted Secret: files in a timestamped folder, reached through the `..data` symlink.
    const publish = (version: string, pair: KeyPair) => {
      const folder = path.join(dir, version);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'tls.crt'), pair.cert);
      writeFileSync(path.join(folder, 'tls.key'), pair.key);
      symlinkSync(version, path.join(dir, '..data_tmp'));
      renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    };
    publish('..v1', first);
    symlinkSync('..data/tls.crt', path.join(dir, 'tls.crt'));
    symlinkSync('..data/tls.key', path.join(dir, 'tls.key'));

    const server = new WebhookServer({ host: '127.0.0.1', port: 0, certDir: dir, logger: silentLogger() });
    server.register('/echo', () => ({ ok: true }));
    const stop = new AbortController();
    const running = server.start(stop.signal);
    try {
      const url = `https://127.0.0.1:${await server.whenListening()}/echo`;
      expect(serial((await post(url, ca.cert, '{}')).peerCertificate)).toBe(serial(first.cert));

      publish('..v2', second);
      const rotated = await eventually(
        () => post(url, ca.cert, '{}'),
        (answer) => serial(answer.peerCertificate) === serial(second.cert),
      );
      expect(rotated.status).toBe(200);
    } finally {
      stop.abort();
      await running;
      expect(server.isListening).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails to start without a readable certificate, and needs exactly one certificate source', async () => {
    expect(() => new WebhookServer({ logger: silentLogger() })).toThrow(/exactly one/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webhook-empty-'));
    const server = new WebhookServer({ host: '127.0.0.1', port: 0, certDir: dir, logger: silentLogger() });
    try {
      await expect(server.start(new AbortController().signal)).rejects.toThrow(/tls\.crt/);
      await expect(server.whenListening()).rejects.toThrow(/tls\.crt/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at once when the signal is already aborted', async () => {
    const server = new WebhookServer({ cert: { cert: '', key: '' }, logger: silentLogger() });
    const stop = new AbortController();
    stop.abort();
    await server.start(stop.signal);
    await expect(server.whenListening()).rejects.toThrow(/stopped before/);
  });
});
