import type { ServerInfo, ServerKind } from '../incus/api/server.js';
import { serverKind } from '../incus/api/server.js';
import { IncusClient } from '../incus/client.js';
import type { IncusConnectionOptions } from '../incus/connection.js';
import { IncusApiError, IncusConnectionError } from '../incus/errors.js';
import { IncusConnectionFailure, IncusConnectionReason } from './failure.js';

/** A trusted connection to an Incus or Canonical LXD server and what the server said about itself. */
export interface IncusServerConnection {
  readonly client: IncusClient;
  readonly server: ServerInfo;
  /** `incus`, `lxd` or `unknown` (`environment.server`). */
  readonly kind: ServerKind;
  /** Whether the server is a cluster (placement `target`s apply only then). */
  readonly clustered: boolean;
  /** The API extensions of `names` the server lacks, in the given order. */
  missingExtensions(...names: string[]): string[];
}

/** Node error codes of TLS verification failures. */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Where the options point, for messages (no credentials). */
function describeEndpoint(options: IncusConnectionOptions): string {
  return options.endpoint.kind === 'unix' ? `unix://${options.endpoint.socketPath}` : options.endpoint.url;
}

function codeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Turns what `GET /1.0` threw into a failure with a reason. */
function classify(error: unknown, where: string): IncusConnectionFailure {
  if (error instanceof IncusApiError && error.status === 403) {
    return new IncusConnectionFailure(
      IncusConnectionReason.IncusClientNotTrusted,
      `${where} refused the client certificate: ${error.message}`,
      false,
    );
  }
  const code = codeOf(error);
  if (code && CERTIFICATE_ERRORS.has(code)) {
    return new IncusConnectionFailure(
      IncusConnectionReason.IncusServerCertificateRejected,
      `the certificate of ${where} does not match "server-crt" (or, without it, the system CAs): ${code}`,
      false,
    );
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new IncusConnectionFailure(
      IncusConnectionReason.IncusServerUnreachable,
      `${where} did not answer in time`,
      false,
    );
  }
  if (error instanceof IncusConnectionError || code) {
    const detail = code ?? (error as Error).message;
    if (/alert|handshake|certificate/i.test((error as Error).message)) {
      return new IncusConnectionFailure(
        IncusConnectionReason.IncusClientNotTrusted,
        `${where} rejected the TLS handshake: ${(error as Error).message}`,
        false,
      );
    }
    return new IncusConnectionFailure(
      IncusConnectionReason.IncusServerUnreachable,
      `cannot reach ${where}: ${detail}`,
      false,
    );
  }
  return new IncusConnectionFailure(
    IncusConnectionReason.IncusServerUnreachable,
    `${where}: ${(error as Error).message}`,
    false,
  );
}

/**
 * Connects to the server and reads `GET /1.0` (within `timeoutMs`, 10 s by default). The server must call the
 * client `trusted`. Failures become an {@link IncusConnectionFailure}; the client is closed on failure.
 */
export async function connectIncus(
  options: IncusConnectionOptions,
  timeoutMs = 10_000,
): Promise<IncusServerConnection> {
  const where = describeEndpoint(options);
  const client = new IncusClient(options);
  let server: ServerInfo;
  try {
    server = await client.getServer(AbortSignal.timeout(timeoutMs));
  } catch (error) {
    client.close();
    throw classify(error, where);
  }
  if (server.auth !== 'trusted') {
    client.close();
    throw new IncusConnectionFailure(
      IncusConnectionReason.IncusClientNotTrusted,
      `${where} does not trust the client certificate in "client-crt" (add it with "incus config trust add-certificate")`,
      false,
    );
  }
  const extensions = new Set(server.api_extensions);
  return {
    client,
    server,
    kind: serverKind(server),
    clustered: server.environment?.server_clustered ?? false,
    missingExtensions: (...names) => names.filter((name) => !extensions.has(name)),
  };
}

/**
 * Throws a terminal `MissingServerExtension` failure when the server lacks any of `names`, e.g.
 * `requireExtensions(connection, 'the oci load balancer', 'instance_oci', 'instance_oci_entrypoint')`.
 */
export function requireExtensions(connection: IncusServerConnection, purpose: string, ...names: string[]): void {
  const missing = connection.missingExtensions(...names);
  if (missing.length === 0) return;
  const server = `${connection.kind} ${connection.server.environment?.server_version ?? ''}`.trim();
  throw new IncusConnectionFailure(
    IncusConnectionReason.MissingServerExtension,
    `${purpose} needs the server API extension${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${server} lacks`,
    true,
  );
}
