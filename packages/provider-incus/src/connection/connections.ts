import { builtin, type KubeClient, type Secret } from '@capi-ts/sdk';
import { IncusConnectionReason } from '../api/v1alpha2/conditions.js';
import { connectIncus, type IncusServerConnection } from './connect.js';
import { credentialsFromSecretData } from './credentials.js';
import { IncusConnectionFailure } from './failure.js';

/** Reads a Secret; `undefined` when it does not exist. */
export type SecretReader = (namespace: string, name: string) => Promise<Secret | undefined>;

/**
 * Reads Secrets from the API server directly, as CAPN does, so a reconcile never acts on an older version than the
 * one whose change (seen through the manager's Secret watch) triggered it.
 */
export function liveSecretReader(client: KubeClient): SecretReader {
  return (namespace, name) => client.getOptional(builtin.secret, { namespace, name });
}

function decode(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) out[key] = Buffer.from(value, 'base64').toString();
  for (const [key, value] of Object.entries(secret.stringData ?? {})) out[key] = value;
  return out;
}

interface Entry {
  resourceVersion: string;
  connection: Promise<IncusServerConnection>;
}

/**
 * Connections to Incus servers by identity secret, reused while the Secret is unchanged (same
 * `resourceVersion`) and replaced when it changes. A failed connection is not kept, so the next call retries.
 */
export class IncusConnections {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly readSecret: SecretReader,
    private readonly timeoutMs = 10_000,
  ) {}

  /**
   * The connection described by Secret `name` in `namespace`. Throws an {@link IncusConnectionFailure}:
   * `IdentitySecretNotFound` when the Secret is missing (or no name is given), otherwise as `connectIncus`.
   */
  async forSecret(namespace: string, name: string | undefined): Promise<IncusServerConnection> {
    if (!name) {
      throw new IncusConnectionFailure(
        IncusConnectionReason.IdentitySecretNotFound,
        'spec.secretRef.name is not set: no identity secret to reach the Incus server with',
        true,
      );
    }
    const secret = await this.readSecret(namespace, name);
    const key = `${namespace}/${name}`;
    if (!secret) {
      this.forget(key);
      throw new IncusConnectionFailure(
        IncusConnectionReason.IdentitySecretNotFound,
        `identity secret ${key} does not exist`,
        false,
      );
    }
    const resourceVersion = secret.metadata.resourceVersion ?? '';
    const known = this.entries.get(key);
    if (known && known.resourceVersion === resourceVersion) return known.connection;
    this.forget(key);
    const connection = Promise.resolve().then(() =>
      connectIncus(credentialsFromSecretData(key, decode(secret)), this.timeoutMs),
    );
    this.entries.set(key, { resourceVersion, connection });
    connection.catch(() => {
      if (this.entries.get(key)?.connection === connection) this.entries.delete(key);
    });
    return connection;
  }

  /** Closes every connection. */
  close(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.connection.then(
      (connection) => connection.client.close(),
      () => undefined,
    );
  }
}
