import type { KeystoneCredentials, NameOrId } from './credentials.js';

/**
 * The body of `POST /v3/auth/tokens` for the credentials, exactly as gophercloud builds it: the
 * password method scoped to the project; the application-credential method without scope (the
 * credential is bound to its project).
 */
export function tokenRequestBody(credentials: KeystoneCredentials): unknown {
  if (credentials.type === 'password') {
    return {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { ...userOf(credentials.user), password: credentials.password.reveal() } },
        },
        scope: {
          project:
            'id' in credentials.project
              ? { id: credentials.project.id }
              : { name: credentials.project.name, domain: domainOf(credentials.project.domain) },
        },
      },
    };
  }
  const credential =
    'id' in credentials.credential
      ? { id: credentials.credential.id }
      : { name: credentials.credential.name, user: userOf(credentials.credential.user) };
  return {
    auth: {
      identity: {
        methods: ['application_credential'],
        application_credential: { ...credential, secret: credentials.secret.reveal() },
      },
    },
  };
}

/** The Keystone v3 URL for an `auth_url` with or without its `/v3` suffix, with a trailing `/`. */
export function identityV3Url(authUrl: string): string {
  const url = authUrl.endsWith('/') ? authUrl : `${authUrl}/`;
  return /\/v3\/$/.test(url) ? url : `${url}v3/`;
}

function userOf(user: { id: string } | { name: string; domain: NameOrId }): Record<string, unknown> {
  return 'id' in user ? { id: user.id } : { name: user.name, domain: domainOf(user.domain) };
}

function domainOf(domain: NameOrId): Record<string, string> {
  return 'id' in domain ? { id: domain.id } : { name: domain.name };
}
