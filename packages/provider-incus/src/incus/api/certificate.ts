/** `POST /1.0/certificates` body: trusts a client certificate. */
export interface CertificatesPost {
  name: string;
  type: 'client' | 'metrics';
  /** PEM certificate (the client converts it to the base64 DER the daemon expects). */
  certificate: string;
  /** Limit the certificate to `projects`. */
  restricted?: boolean;
  projects?: string[];
  description?: string;
}

/** `GET /1.0/certificates/<fingerprint>`. */
export interface Certificate {
  name: string;
  type: 'client' | 'metrics' | 'server';
  certificate: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  restricted: boolean;
  projects: string[] | null;
  description?: string;
}
