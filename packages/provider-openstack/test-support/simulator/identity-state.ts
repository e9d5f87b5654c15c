/** Keystone's records: domains, projects, users with role assignments, application credentials and tokens. */

/** A Keystone domain. */
export interface DomainRecord {
  readonly id: string;
  readonly name: string;
}

/** A Keystone project. */
export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
}

/** A Keystone user with its role names per project. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  readonly password: string;
  readonly rolesByProject: ReadonlyMap<string, readonly string[]>;
}

/** An application credential (always bound to the project it was created in). */
export interface ApplicationCredentialRecord {
  readonly id: string;
  readonly name: string;
  readonly secret: string;
  readonly userId: string;
  readonly projectId: string;
}

/** An issued token. */
export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  /** Absent for unscoped tokens. */
  readonly projectId: string | undefined;
  readonly methods: readonly string[];
  readonly roles: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly auditId: string;
  readonly applicationCredentialId: string | undefined;
}

/** Keystone's state. */
export class IdentityState {
  /** Role name → role ID. */
  readonly roles = new Map<string, string>();
  readonly domains = new Map<string, DomainRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly applicationCredentials = new Map<string, ApplicationCredentialRecord>();
  readonly tokens = new Map<string, TokenRecord>();
}

/** Whether a token carries the `admin` role (Neutron/Nova then show every project's resources). */
export function isAdmin(token: TokenRecord | undefined): boolean {
  return token?.roles.includes('admin') ?? false;
}
