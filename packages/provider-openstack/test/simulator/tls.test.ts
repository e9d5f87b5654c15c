import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';

function getWithCa(url: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('simulator over TLS', () => {
  let cloud: OpenStackSimulator;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ tls: true });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  it('serves HTTPS with a certificate its caCert verifies, and only with it', async () => {
    expect(cloud.authUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/identity\/v3$/);
    expect(cloud.caCert).toContain('BEGIN CERTIFICATE');
    const answer = await getWithCa(cloud.authUrl, cloud.caCert);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).version.id).toMatch(/^v3\./);
    await expect(getWithCa(cloud.authUrl, undefined)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });
});
