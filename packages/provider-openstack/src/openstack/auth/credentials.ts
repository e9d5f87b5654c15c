import type { Secret } from '../secret.js';

/** A Keystone domain, project or user named by ID or by name. */
export type NameOrId = { readonly id: string } | { readonly name: string };

/** A project named by ID, or by name within a domain. */
export type ProjectScope = { readonly id: string } | { readonly name: string; readonly domain: NameOrId };

/** Keystone v3 `password` method, scoped to a project (CAPO needs the token's project). */
export interface PasswordCredentials {
  readonly type: 'password';
  /** The user by ID, or by name within a domain. */
  readonly user: { readonly id: string } | { readonly name: string; readonly domain: NameOrId };
  readonly password: Secret;
  readonly project: ProjectScope;
}

/**
 * Keystone v3 `application_credential` method. The credential carries its own project scope;
 * by name it needs its owner (a user by ID, or by name within a domain).
 */
export interface ApplicationCredentialCredentials {
  readonly type: 'application-credential';
  readonly credential:
    | { readonly id: string }
    | {
        readonly name: string;
        readonly user: { readonly id: string } | { readonly name: string; readonly domain: NameOrId };
      };
  readonly secret: Secret;
}

/** The ways this client authenticates to Keystone. */
export type KeystoneCredentials = PasswordCredentials | ApplicationCredentialCredentials;
