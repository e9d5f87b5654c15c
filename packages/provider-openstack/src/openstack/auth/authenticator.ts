import { OpenStackResponseError } from '../errors.js';
import type { HttpTransport } from '../http/transport.js';
import { Secret } from '../secret.js';
import type { KeystoneCredentials } from './credentials.js';
import { type KeystoneToken, parseTokenResponse } from './token.js';
import { identityV3Url, tokenRequestBody } from './token-request.js';

/** Settings of an {@link Authenticator}. */
export interface AuthenticatorOptions {
  readonly authUrl: string;
  readonly credentials: KeystoneCredentials;
  readonly transport: HttpTransport;
  /** A token is replaced once it has less than this left (default 5 minutes, at most half its lifetime). */
  readonly refreshBeforeExpiryMs?: number | undefined;
  readonly now?: (() => number) | undefined;
}

/**
 * Issues Keystone v3 tokens and reuses one until it nears expiry. Concurrent callers share one
 * authentication; a token a service refused (401) is dropped with {@link Authenticator.invalidate}.
 */
export class Authenticator {
  private current: KeystoneToken | undefined;
  private issuedAt = 0;
  private pending: Promise<KeystoneToken> | undefined;
  private issued = 0;
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Number of tokens issued so far (for tests and diagnostics). */
  get authentications(): number {
    return this.issued;
  }

  /** A valid token: the current one while it is fresh enough, else a new one. */
  async token(): Promise<KeystoneToken> {
    if (this.current && this.fresh(this.current)) return this.current;
    this.pending ??= this.authenticate().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` (when it is still the current one) so the next call re-authenticates. */
  invalidate(token: KeystoneToken): void {
    if (this.current === token) this.current = undefined;
  }

  private fresh(token: KeystoneToken): boolean {
    const expiresAt = token.expiresAt.getTime();
    const lifetime = expiresAt - this.issuedAt;
    const margin = Math.min(this.options.refreshBeforeExpiryMs ?? 5 * 60_000, lifetime / 2);
    return this.now() < expiresAt - margin;
  }

  private async authenticate(): Promise<KeystoneToken> {
    const issuedAt = this.now();
    const response = await this.options.transport.send({
      method: 'POST',
      url: `${identityV3Url(this.options.authUrl)}auth/tokens`,
      body: tokenRequestBody(this.options.credentials),
    });
    const subjectToken = response.headers.get('x-subject-token');
    if (!subjectToken) throw new OpenStackResponseError('Keystone answered without an X-Subject-Token header');
    const token = parseTokenResponse(response.body, new Secret(subjectToken));
    this.issued += 1;
    this.current = token;
    this.issuedAt = issuedAt;
    return token;
  }
}
