import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { KeystoneCredentials, NameOrId } from './auth/credentials.js';
import type { EndpointInterface } from './catalog.js';
import { OpenStackConfigError } from './errors.js';
import { Secret } from './secret.js';

const optionalString = z.string().optional();

const authInfoSchema = z.object({
  auth_url: optionalString,
  username: optionalString,
  user_id: optionalString,
  password: optionalString,
  project_name: optionalString,
  project_id: optionalString,
  // Keystone v2-era names that clouds.yaml still accepts for the project.
  tenant_name: optionalString,
  tenant_id: optionalString,
  user_domain_name: optionalString,
  user_domain_id: optionalString,
  project_domain_name: optionalString,
  project_domain_id: optionalString,
  domain_name: optionalString,
  domain_id: optionalString,
  default_domain: optionalString,
  application_credential_id: optionalString,
  application_credential_name: optionalString,
  application_credential_secret: optionalString,
});

const cloudSchema = z.object({
  auth: authInfoSchema.optional(),
  auth_type: optionalString,
  region_name: optionalString,
  interface: optionalString,
  endpoint_type: optionalString,
  identity_api_version: z.union([z.string(), z.number()]).optional(),
  verify: z.boolean().optional(),
  // A CA *file path* in clouds.yaml is ignored, as CAPO ignores it: the CA comes from the secret's `cacert` key.
  cacert: optionalString,
});

const cloudsFileSchema = z.object({ clouds: z.record(z.string(), cloudSchema) });

/** One cloud entry of a `clouds.yaml` file, as written (snake_case keys). */
export type CloudsYamlEntry = z.infer<typeof cloudSchema>;

/** Everything needed to talk to one OpenStack cloud. Holds secrets: never log it whole. */
export interface CloudConfig {
  readonly cloudName: string;
  /** Keystone endpoint as written (with or without `/v3`). */
  readonly authUrl: string;
  readonly credentials: KeystoneCredentials;
  /** Region to pick endpoints in; undefined means any region. */
  readonly regionName: string | undefined;
  /** Catalog interface to use (clouds.yaml `interface`, else `endpoint_type`, else `public`). */
  readonly interface: EndpointInterface;
  /** TLS certificate verification; false only when clouds.yaml says `verify: false`. */
  readonly verify: boolean;
  /** PEM CA bundle trusted instead of the system roots. */
  readonly caCert: string | undefined;
}

/** Where the cloud entry comes from, as CAPO's `identityRef` and secret give it. */
export interface CloudSource {
  /** Content of the secret key `clouds.yaml`. */
  readonly cloudsYaml: string;
  /** `identityRef.cloudName`. */
  readonly cloudName: string;
  /** `identityRef.region`: overrides the entry's `region_name`. */
  readonly region?: string | undefined;
  /** Content of the secret key `cacert`, else the manager's `--ca-certs` file. */
  readonly caCert?: string | undefined;
}

/** Parses a `clouds.yaml` document into its entries by name. */
export function parseCloudsYaml(text: string): Record<string, CloudsYamlEntry> {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new OpenStackConfigError(`clouds.yaml is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = cloudsFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new OpenStackConfigError(
      `clouds.yaml is not a clouds file: ${where ? `${where}: ` : ''}${issue?.message ?? ''}`,
    );
  }
  return parsed.data.clouds;
}

/**
 * Reads the cloud CAPO would use from a `clouds.yaml` secret: the entry named `cloudName`, the region
 * override, the CA bundle, and the credentials as gophercloud's `clientconfig.AuthOptions` builds them
 * (environment variables ignored).
 */
export function cloudFromSecret(source: CloudSource): CloudConfig {
  if (!source.cloudName)
    throw new OpenStackConfigError('identityRef.cloudName is required to pick a cloud from clouds.yaml');
  const clouds = parseCloudsYaml(source.cloudsYaml);
  const entry = clouds[source.cloudName];
  if (!entry) {
    const known = Object.keys(clouds).join(', ') || 'none';
    throw new OpenStackConfigError(`cloud "${source.cloudName}" is not in clouds.yaml (clouds: ${known})`);
  }
  return cloudFromEntry(source.cloudName, entry, source);
}

/** Builds the configuration of one parsed entry. */
export function cloudFromEntry(
  cloudName: string,
  entry: CloudsYamlEntry,
  options: { region?: string | undefined; caCert?: string | undefined } = {},
): CloudConfig {
  const auth = entry.auth ?? {};
  if (!auth.auth_url) throw new OpenStackConfigError(`cloud "${cloudName}": auth.auth_url is required`);
  const version = entry.identity_api_version;
  if (version !== undefined && !String(version).startsWith('3')) {
    throw new OpenStackConfigError(`cloud "${cloudName}": identity_api_version ${version} is not supported (only 3)`);
  }
  return {
    cloudName,
    authUrl: auth.auth_url,
    credentials: credentialsOf(cloudName, entry.auth_type, auth),
    regionName: options.region || entry.region_name || undefined,
    interface: interfaceOf(cloudName, entry.interface || entry.endpoint_type),
    verify: entry.verify ?? true,
    caCert: options.caCert?.trim() ? options.caCert : undefined,
  };
}

type AuthInfo = z.infer<typeof authInfoSchema>;

function credentialsOf(cloudName: string, authType: string | undefined, auth: AuthInfo): KeystoneCredentials {
  const type = (authType ?? '').toLowerCase();
  const hasApplicationCredential = Boolean(auth.application_credential_id || auth.application_credential_name);
  if (
    type === 'v3applicationcredential' ||
    type === 'applicationcredential' ||
    (type === '' && hasApplicationCredential)
  ) {
    return applicationCredentialOf(cloudName, auth);
  }
  if (type === '' || type === 'password' || type === 'v3password') return passwordOf(cloudName, auth);
  throw new OpenStackConfigError(
    `cloud "${cloudName}": auth_type "${authType}" is not supported (password, v3password, v3applicationcredential)`,
  );
}

function applicationCredentialOf(cloudName: string, auth: AuthInfo): KeystoneCredentials {
  if (!auth.application_credential_secret) {
    throw new OpenStackConfigError(`cloud "${cloudName}": auth.application_credential_secret is required`);
  }
  const secret = new Secret(auth.application_credential_secret);
  if (auth.application_credential_id) {
    return { type: 'application-credential', credential: { id: auth.application_credential_id }, secret };
  }
  if (!auth.application_credential_name) {
    throw new OpenStackConfigError(
      `cloud "${cloudName}": auth.application_credential_id or application_credential_name is required`,
    );
  }
  const user = userOf(cloudName, auth, domainsOf(auth).user);
  return { type: 'application-credential', credential: { name: auth.application_credential_name, user }, secret };
}

function passwordOf(cloudName: string, auth: AuthInfo): KeystoneCredentials {
  if (!auth.password) throw new OpenStackConfigError(`cloud "${cloudName}": auth.password is required`);
  const domains = domainsOf(auth);
  const user = userOf(cloudName, auth, domains.user);
  const projectId = auth.project_id || auth.tenant_id;
  const projectName = auth.project_name || auth.tenant_name;
  let project: PasswordProject;
  if (projectId) project = { id: projectId };
  else if (projectName) {
    if (!domains.project) {
      throw new OpenStackConfigError(
        `cloud "${cloudName}": project_name needs project_domain_name, project_domain_id, domain_name or domain_id`,
      );
    }
    project = { name: projectName, domain: domains.project };
  } else {
    throw new OpenStackConfigError(`cloud "${cloudName}": auth.project_id or auth.project_name is required`);
  }
  return { type: 'password', user, password: new Secret(auth.password), project };
}

type PasswordProject = Extract<KeystoneCredentials, { type: 'password' }>['project'];

function userOf(
  cloudName: string,
  auth: AuthInfo,
  domain: NameOrId | undefined,
): { id: string } | { name: string; domain: NameOrId } {
  if (auth.user_id) return { id: auth.user_id };
  if (!auth.username) throw new OpenStackConfigError(`cloud "${cloudName}": auth.username or auth.user_id is required`);
  if (!domain) {
    throw new OpenStackConfigError(
      `cloud "${cloudName}": username needs user_domain_name, user_domain_id, domain_name or domain_id`,
    );
  }
  return { name: auth.username, domain };
}

/**
 * The user's and the project's domains as clientconfig fills them: their own keys first, then
 * `domain_id`/`domain_name` for both, then `default_domain` (an ID).
 */
function domainsOf(auth: AuthInfo): { user: NameOrId | undefined; project: NameOrId | undefined } {
  const shared = auth.domain_id ? { id: auth.domain_id } : auth.domain_name ? { name: auth.domain_name } : undefined;
  const fallback = shared ?? (auth.default_domain ? { id: auth.default_domain } : undefined);
  const user = auth.user_domain_id
    ? { id: auth.user_domain_id }
    : auth.user_domain_name
      ? { name: auth.user_domain_name }
      : fallback;
  const project = auth.project_domain_id
    ? { id: auth.project_domain_id }
    : auth.project_domain_name
      ? { name: auth.project_domain_name }
      : fallback;
  return { user, project };
}

function interfaceOf(cloudName: string, value: string | undefined): EndpointInterface {
  const normalised = (value ?? 'public').toLowerCase().replace(/url$/, '');
  if (normalised === 'public' || normalised === 'internal' || normalised === 'admin') return normalised;
  throw new OpenStackConfigError(`cloud "${cloudName}": interface "${value}" is not public, internal or admin`);
}
