import { createPrivateKey, X509Certificate } from 'node:crypto';
import { IncusConnectionReason } from '../api/v1alpha2/conditions.js';
import type { IncusConnectionOptions } from '../incus/connection.js';
import { connectionFromIdentitySecret, IdentitySecretError } from '../incus/identity-secret.js';
import { IncusConnectionFailure } from './failure.js';

/**
 * Connection options from the decoded data of an identity secret (`server`, `server-crt`, `client-crt`,
 * `client-key`, `project`, `insecure-skip-verify`), with the PEM values checked before any connection is tried:
 * the client certificate and key must parse and belong together, `server-crt` must parse unless verification is
 * off. Throws a terminal {@link IncusConnectionFailure} (`IdentitySecretInvalid`) naming the key; values are
 * never quoted.
 */
export function credentialsFromSecretData(
  secretName: string,
  data: Readonly<Record<string, string | undefined>>,
): IncusConnectionOptions {
  const invalid = (what: string) =>
    new IncusConnectionFailure(
      IncusConnectionReason.IdentitySecretInvalid,
      `identity secret ${secretName}: ${what}`,
      true,
    );
  let options: IncusConnectionOptions;
  try {
    options = connectionFromIdentitySecret(data);
  } catch (error) {
    if (error instanceof IdentitySecretError) throw invalid(error.message);
    throw error;
  }
  const endpoint = options.endpoint;
  if (endpoint.kind === 'unix') return options;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(endpoint.clientCertificate);
  } catch {
    throw invalid('key "client-crt" is not a PEM certificate');
  }
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(endpoint.clientKey))) {
      throw invalid('key "client-key" does not belong to the certificate in "client-crt"');
    }
  } catch (error) {
    if (error instanceof IncusConnectionFailure) throw error;
    throw invalid('key "client-key" is not a PEM private key');
  }
  if (endpoint.serverCertificate !== undefined) {
    try {
      new X509Certificate(endpoint.serverCertificate);
    } catch {
      throw invalid('key "server-crt" is not a PEM certificate');
    }
  }
  return options;
}
