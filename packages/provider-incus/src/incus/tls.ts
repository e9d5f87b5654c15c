import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { HttpsEndpoint } from './connection.js';

/** TLS options shared by HTTPS requests and the events websocket for one endpoint. */
export interface IncusTlsOptions {
  cert: string;
  key: string;
  ca?: string[];
  allowPartialTrustChain?: boolean;
  rejectUnauthorized: boolean;
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

/**
 * Client TLS settings for an HTTPS endpoint, matching the Go client: a pinned server certificate is
 * the only trust anchor (even when it is a leaf, hence the partial chain) and is accepted whatever
 * host name it carries (Incus certificates rarely name the address clients use); a certificate
 * merely issued by a pinned CA still needs the right host name. Without a pin the system CAs and the
 * host name are checked. `insecureSkipVerify` turns verification off entirely.
 */
export function tlsOptionsFor(endpoint: HttpsEndpoint): IncusTlsOptions {
  const base = { cert: endpoint.clientCertificate, key: endpoint.clientKey };
  if (endpoint.insecureSkipVerify) return { ...base, rejectUnauthorized: false };
  if (endpoint.serverCertificate === undefined) return { ...base, rejectUnauthorized: true };
  const pinned = new X509Certificate(endpoint.serverCertificate).fingerprint256;
  return {
    ...base,
    ca: [endpoint.serverCertificate],
    allowPartialTrustChain: true,
    rejectUnauthorized: true,
    checkServerIdentity: (host, cert) => (cert.fingerprint256 === pinned ? undefined : checkServerIdentity(host, cert)),
  };
}
