import { createHash } from 'node:crypto';
import type { KeystoneCredentials } from './auth/credentials.js';
import type { CloudConfig } from './clouds-yaml.js';
import { KeystoneSession, type KeystoneSessionOptions } from './session.js';

/**
 * Keeps one {@link KeystoneSession} per distinct cloud configuration, least recently used first out, so
 * reconciles of objects sharing credentials share one token (CAPO's scope cache, `--scope-cache-max-size`,
 * default 10; 0 disables it). A changed secret (password, CA, region…) gives a new entry; evicted
 * sessions are closed.
 */
export class SessionCache {
  private readonly sessions = new Map<string, KeystoneSession>();

  constructor(
    private readonly maxSize = 10,
    private readonly options: KeystoneSessionOptions = {},
  ) {}

  /** The session for `cloud`: cached, or new (and cached when the cache is enabled). */
  session(cloud: CloudConfig): KeystoneSession {
    if (this.maxSize <= 0) return new KeystoneSession(cloud, this.options);
    const key = cacheKey(cloud);
    const cached = this.sessions.get(key);
    if (cached) {
      this.sessions.delete(key);
      this.sessions.set(key, cached);
      return cached;
    }
    const session = new KeystoneSession(cloud, this.options);
    this.sessions.set(key, session);
    while (this.sessions.size > this.maxSize) {
      const [oldestKey, oldest] = this.sessions.entries().next().value as [string, KeystoneSession];
      this.sessions.delete(oldestKey);
      void oldest.close();
    }
    return session;
  }

  /** Number of cached sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** Closes every cached session. */
  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.close()));
  }
}

/** A digest of everything that makes a session different, secrets included (never stored in clear). */
function cacheKey(cloud: CloudConfig): string {
  const material = JSON.stringify([
    cloud.authUrl,
    credentialMaterial(cloud.credentials),
    cloud.regionName ?? null,
    cloud.interface,
    cloud.verify,
    cloud.caCert ?? null,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

function credentialMaterial(credentials: KeystoneCredentials): unknown {
  return credentials.type === 'password'
    ? [credentials.type, credentials.user, credentials.project, credentials.password.reveal()]
    : [credentials.type, credentials.credential, credentials.secret.reveal()];
}
