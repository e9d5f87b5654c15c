import { createHash, X509Certificate } from 'node:crypto';

/**
 * kubeadm's CA pin for a PEM certificate: `sha256:` and the hex SHA-256 of its DER SubjectPublicKeyInfo, what
 * `discovery.bootstrapToken.caCertHashes` holds.
 */
export function caCertHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}
