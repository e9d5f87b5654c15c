import { ApiError, keystoneErrorBody } from './errors.js';
import type { ApplicationCredentialRecord, ProjectRecord, TokenRecord, UserRecord } from './identity-state.js';
import type { ServiceName } from './recorder.js';
import { created, noContent, ok, type Reply, type RequestContext, route } from './router.js';
import type { SimulatorRuntime } from './runtime.js';
import type { ServiceDefinition } from './service.js';
import { isoMicros } from './timestamps.js';

/** Catalog entries: service type, name and the path (below the simulator's root) of the endpoint. */
const catalogServices: ReadonlyArray<{ type: ServiceName; name: string; path: (projectId: string) => string }> = [
  { type: 'identity', name: 'keystone', path: () => '/identity/v3' },
  { type: 'compute', name: 'nova', path: () => '/compute/v2.1' },
  { type: 'network', name: 'neutron', path: () => '/network' },
  { type: 'image', name: 'glance', path: () => '/image' },
  { type: 'volume', name: 'cinder', path: (projectId) => `/volume/v3/${projectId}` },
  { type: 'load-balancer', name: 'octavia', path: () => '/load-balancer' },
];

/** Catalog type a service is registered under (Cinder as `block-storage`, the name Keystone catalogs use today). */
export function catalogType(service: ServiceName): string {
  return service === 'volume' ? 'block-storage' : service;
}

const unauthorized = () => new ApiError(401, 'The request you have made requires authentication.');

function badRequest(detail: string): ApiError {
  return new ApiError(
    400,
    `${detail} The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
  );
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Keystone's token validity check, shared by every service's auth middleware. */
export function liveToken(runtime: SimulatorRuntime, tokenId: string | undefined): TokenRecord | undefined {
  if (!tokenId) return undefined;
  const token = runtime.state.identity.tokens.get(tokenId);
  return token && token.expiresAt > runtime.clock.now() ? token : undefined;
}

function findDomainId(runtime: SimulatorRuntime, reference: unknown): string | undefined {
  const domain = object(reference);
  if (!domain) return undefined;
  for (const candidate of runtime.state.identity.domains.values()) {
    if (candidate.id === domain.id || (domain.id === undefined && candidate.name === domain.name)) return candidate.id;
  }
  return undefined;
}

function findUser(runtime: SimulatorRuntime, reference: unknown): UserRecord | undefined {
  const user = object(reference);
  if (!user) return undefined;
  if (typeof user.id === 'string') return runtime.state.identity.users.get(user.id);
  const domainId = findDomainId(runtime, user.domain);
  return [...runtime.state.identity.users.values()].find(
    (candidate) => candidate.name === user.name && candidate.domainId === domainId,
  );
}

function findProject(runtime: SimulatorRuntime, reference: unknown): ProjectRecord | undefined {
  const project = object(reference);
  if (!project) return undefined;
  if (typeof project.id === 'string') return runtime.state.identity.projects.get(project.id);
  const domainId = findDomainId(runtime, project.domain);
  return [...runtime.state.identity.projects.values()].find(
    (candidate) => candidate.name === project.name && candidate.domainId === domainId,
  );
}

/** Who authenticated, for which project, with which roles and (for that method) application credential. */
interface AuthResult {
  readonly user: UserRecord;
  readonly projectId: string | undefined;
  readonly roles: readonly string[];
  readonly credential: ApplicationCredentialRecord | undefined;
}

function authenticatePassword(runtime: SimulatorRuntime, identity: Json, scope: Json | undefined): AuthResult {
  const password = object(identity.password);
  const user = findUser(runtime, password?.user);
  if (!user || user.password !== object(password?.user)?.password) throw unauthorized();
  if (!scope) return { user, projectId: undefined, roles: [], credential: undefined };
  const project = findProject(runtime, scope.project);
  const roles = project ? user.rolesByProject.get(project.id) : undefined;
  if (!project || !roles || roles.length === 0) throw unauthorized();
  return { user, projectId: project.id, roles, credential: undefined };
}

function authenticateApplicationCredential(
  runtime: SimulatorRuntime,
  identity: Json,
  scope: Json | undefined,
): AuthResult {
  if (scope) {
    throw new ApiError(
      401,
      'Error authenticating with application credential: Application credentials cannot request a scope.',
    );
  }
  const reference = object(identity.application_credential);
  const credentials = [...runtime.state.identity.applicationCredentials.values()];
  let credential: ApplicationCredentialRecord | undefined;
  if (typeof reference?.id === 'string') credential = runtime.state.identity.applicationCredentials.get(reference.id);
  else {
    const user = findUser(runtime, reference?.user);
    credential = credentials.find((candidate) => candidate.name === reference?.name && candidate.userId === user?.id);
  }
  if (!credential || credential.secret !== reference?.secret) throw unauthorized();
  const user = runtime.state.identity.users.get(credential.userId)!;
  const roles = user.rolesByProject.get(credential.projectId) ?? [];
  return { user, projectId: credential.projectId, roles, credential };
}

/** The catalog of a project-scoped token: one region, public/internal/admin endpoints per service. */
export function catalogFor(runtime: SimulatorRuntime, projectId: string): Json[] {
  const root = runtime.serviceUrl('identity').slice(0, -'/identity'.length);
  return catalogServices.map((service, index) => ({
    id: `${(index + 1).toString(16).padStart(32, '0')}`,
    type: catalogType(service.type),
    name: service.name,
    endpoints: (['public', 'internal', 'admin'] as const).map((endpointInterface, position) => ({
      id: `${(index * 3 + position + 1).toString(16).padStart(32, 'e')}`,
      interface: endpointInterface,
      region_id: runtime.regionName,
      region: runtime.regionName,
      url: `${root}${service.path(projectId)}`,
    })),
  }));
}

/** The `token` body Keystone returns when issuing and validating a token. */
function tokenBody(runtime: SimulatorRuntime, token: TokenRecord): Json {
  const { identity } = runtime.state;
  const user = identity.users.get(token.userId)!;
  const domainOf = (id: string) => ({ id, name: identity.domains.get(id)?.name });
  const body: Json = {
    methods: token.methods,
    user: { domain: domainOf(user.domainId), id: user.id, name: user.name, password_expires_at: null },
    audit_ids: [token.auditId],
    expires_at: isoMicros(token.expiresAt),
    issued_at: isoMicros(token.issuedAt),
  };
  if (token.projectId) {
    const project = identity.projects.get(token.projectId)!;
    body.project = { domain: domainOf(project.domainId), id: project.id, name: project.name };
    body.is_domain = false;
    body.roles = token.roles.map((name) => ({ id: identity.roles.get(name), name }));
    body.catalog = catalogFor(runtime, project.id);
  }
  if (token.applicationCredentialId) {
    const credential = identity.applicationCredentials.get(token.applicationCredentialId)!;
    body.application_credential = { id: credential.id, name: credential.name, restricted: true };
  }
  return { token: body };
}

function issueToken(runtime: SimulatorRuntime, context: RequestContext, tokenTtlMs: number): Reply {
  const auth = object(object(context.body)?.auth);
  const identity = object(auth?.identity);
  if (!identity) throw badRequest('Expecting to find identity in auth.');
  const methods = Array.isArray(identity.methods) ? identity.methods.map(String) : [];
  const scope = object(auth?.scope);
  let result: AuthResult;
  if (methods.includes('password')) result = authenticatePassword(runtime, identity, scope);
  else if (methods.includes('application_credential'))
    result = authenticateApplicationCredential(runtime, identity, scope);
  else throw unauthorized();
  const now = runtime.clock.now();
  const token: TokenRecord = {
    id: `gAAAAA${runtime.ids.hex(32)}${runtime.ids.hex(32)}`,
    userId: result.user.id,
    projectId: result.projectId,
    methods,
    roles: [...result.roles],
    issuedAt: now,
    expiresAt: now + tokenTtlMs,
    auditId: runtime.ids.hex(22),
    applicationCredentialId: result.credential?.id,
  };
  runtime.state.identity.tokens.set(token.id, token);
  return created(tokenBody(runtime, token), { 'X-Subject-Token': token.id });
}

function subjectToken(runtime: SimulatorRuntime, context: RequestContext): TokenRecord {
  const header = context.headers['x-subject-token'];
  const id = Array.isArray(header) ? header[0] : header;
  const token = liveToken(runtime, id);
  if (!token) {
    throw new ApiError(404, 'Could not recognize Fernet token');
  }
  return token;
}

/** The simulated Keystone v3, served below `/identity`. */
export function keystoneService(runtime: SimulatorRuntime, tokenTtlMs: number): ServiceDefinition {
  const versionV3 = () => ({
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${runtime.serviceUrl('identity')}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  });
  return {
    name: 'identity',
    prefix: '/identity',
    formatError: keystoneErrorBody,
    routes: [
      route('GET', '/', () => ({ status: 300, body: { versions: { values: [versionV3()] } } }), { public: true }),
      route('GET', '/v3', () => ok({ version: versionV3() }), { public: true }),
      route('POST', '/v3/auth/tokens', (context) => issueToken(runtime, context, tokenTtlMs), { public: true }),
      route('GET', '/v3/auth/tokens', (context) => {
        const token = subjectToken(runtime, context);
        return ok(tokenBody(runtime, token), { 'X-Subject-Token': token.id });
      }),
      route('HEAD', '/v3/auth/tokens', (context) => {
        subjectToken(runtime, context);
        return ok(undefined);
      }),
      route('DELETE', '/v3/auth/tokens', (context) => {
        const token = subjectToken(runtime, context);
        runtime.state.identity.tokens.delete(token.id);
        return noContent();
      }),
      route('GET', '/v3/auth/catalog', (context) => {
        if (!context.token?.projectId)
          throw new ApiError(403, 'A project-scoped token is required to produce a service catalog.');
        return ok({
          catalog: catalogFor(runtime, context.token.projectId),
          links: { self: `${runtime.serviceUrl('identity')}/v3/auth/catalog` },
        });
      }),
      route('POST', '/v3/users/{user}/application_credentials', (context) => {
        const token = context.token!;
        if (token.userId !== context.params.user || !token.projectId)
          throw new ApiError(403, 'You are not authorized to perform the requested action.');
        const body = object(object(context.body)?.application_credential);
        if (typeof body?.name !== 'string') throw badRequest("'name' is a required property.");
        const credential: ApplicationCredentialRecord = {
          id: runtime.ids.hex(32),
          name: body.name,
          secret: typeof body.secret === 'string' ? body.secret : runtime.ids.hex(43),
          userId: token.userId,
          projectId: token.projectId,
        };
        if (
          [...runtime.state.identity.applicationCredentials.values()].some(
            (existing) => existing.userId === credential.userId && existing.name === credential.name,
          )
        ) {
          throw new ApiError(409, `Conflict occurred attempting to store application_credential - Duplicate entry.`);
        }
        runtime.state.identity.applicationCredentials.set(credential.id, credential);
        return created({
          application_credential: {
            id: credential.id,
            name: credential.name,
            secret: credential.secret,
            project_id: credential.projectId,
            user_id: credential.userId,
            description: typeof body.description === 'string' ? body.description : null,
            expires_at: null,
            unrestricted: false,
            roles: token.roles.map((name) => ({ id: runtime.state.identity.roles.get(name), name })),
          },
        });
      }),
      route('DELETE', '/v3/users/{user}/application_credentials/{id}', (context) => {
        const credential = runtime.state.identity.applicationCredentials.get(context.params.id!);
        if (!credential || credential.userId !== context.params.user) {
          throw new ApiError(404, `Could not find Application Credential: ${context.params.id}.`);
        }
        runtime.state.identity.applicationCredentials.delete(credential.id);
        return noContent();
      }),
    ],
  };
}
