import { X509Certificate } from 'node:crypto';
import type { Certificate, CertificatesPost } from './api/certificate.js';
import { type IncusTransport, segment } from './transport.js';

/** `/1.0/certificates`: the daemon's trust store (global, not per project). */
export class CertificatesApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/certificates?recursion=1`. */
  list(signal?: AbortSignal): Promise<Certificate[]> {
    return this.transport.sync({
      method: 'GET',
      path: '/1.0/certificates',
      query: { recursion: 1 },
      withoutProject: true,
      signal,
    });
  }

  /** `POST /1.0/certificates`: trusts a PEM certificate (sent as base64 DER); returns its fingerprint. */
  async create(certificate: CertificatesPost, signal?: AbortSignal): Promise<string> {
    const x509 = new X509Certificate(certificate.certificate);
    const body = { ...certificate, certificate: x509.raw.toString('base64') };
    await this.transport.sync({ method: 'POST', path: '/1.0/certificates', body, withoutProject: true, signal });
    return certificateFingerprint(certificate.certificate);
  }

  /** `DELETE /1.0/certificates/<fingerprint>`. */
  async delete(fingerprint: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({
      method: 'DELETE',
      path: `/1.0/certificates/${segment(fingerprint)}`,
      withoutProject: true,
      signal,
    });
  }
}

/** SHA-256 fingerprint (lower-case hex, no colons) of a PEM certificate, as Incus names it. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}
