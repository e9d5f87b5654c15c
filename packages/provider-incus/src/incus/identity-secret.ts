import type { IncusConnectionOptions } from './connection.js';

/** Raised for an identity secret that cannot describe a connection; the message names the key. */
export class IdentitySecretError extends Error {
  override name = 'IdentitySecretError';
}

/**
 * Reads a CAPN identity secret (keys `server`, `server-crt`, `client-crt`, `client-key`, `project`,
 * `insecure-skip-verify`; values already decoded) into connection options. `server` may be an
 * `https://` URL (client certificate and key required) or `unix://<socket path>`.
 * `insecure-skip-verify` follows Go `strconv.ParseBool`; anything else counts as false, as in CAPN.
 */
export function connectionFromIdentitySecret(
  data: Readonly<Record<string, string | undefined>>,
): IncusConnectionOptions {
  const server = data.server?.trim() ?? '';
  const project = data.project?.trim() || undefined;
  if (server.startsWith('unix://')) {
    const socketPath = server.slice('unix://'.length);
    if (socketPath === '') throw new IdentitySecretError('key "server": unix:// URL has no socket path');
    return { endpoint: { kind: 'unix', socketPath }, project };
  }
  if (!server.startsWith('https://')) {
    throw new IdentitySecretError(`key "server": ${JSON.stringify(server)} is not an https:// or unix:// URL`);
  }
  const clientCertificate = data['client-crt'] ?? '';
  const clientKey = data['client-key'] ?? '';
  if (clientCertificate.trim() === '')
    throw new IdentitySecretError('key "client-crt" is required for an https:// server');
  if (clientKey.trim() === '') throw new IdentitySecretError('key "client-key" is required for an https:// server');
  const insecureSkipVerify = parseGoBool(data['insecure-skip-verify']);
  const serverCertificate = data['server-crt']?.trim() ? data['server-crt'] : undefined;
  return {
    endpoint: {
      kind: 'https',
      url: server.replace(/\/+$/, ''),
      clientCertificate,
      clientKey,
      serverCertificate: insecureSkipVerify ? undefined : serverCertificate,
      insecureSkipVerify,
    },
    project,
  };
}

function parseGoBool(value: string | undefined): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value?.trim() ?? '');
}
