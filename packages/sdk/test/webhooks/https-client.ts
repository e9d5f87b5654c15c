import https from 'node:https';
import type { SecureVersion } from 'node:tls';

/** The answer of {@link post}. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The PEM of the certificate the server presented. */
  peerCertificate: string;
}

/** One HTTPS request to a local test server, trusting `ca`. Bodies are sent with a Content-Length. */
export function post(
  url: string,
  ca: string,
  body: string | Buffer,
  options: { method?: string; contentType?: string; maxVersion?: SecureVersion; chunked?: boolean } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method ?? 'POST',
        ca,
        agent: false,
        maxVersion: options.maxVersion,
        headers: {
          'Content-Type': options.contentType ?? 'application/json',
          ...(options.chunked ? {} : { 'Content-Length': Buffer.byteLength(body) }),
        },
      },
      (response) => {
        const raw = response.socket as import('node:tls').TLSSocket;
        const peer = raw.getPeerX509Certificate?.()?.toString() ?? '';
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : undefined,
            peerCertificate: peer,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
