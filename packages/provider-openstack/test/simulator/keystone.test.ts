import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { call, login } from './helpers.js';

describe('simulated Keystone v3', () => {
  let cloud: OpenStackSimulator;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual', tokenTtlMs: 60_000 });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  it('issues a project-scoped token with X-Subject-Token, a request ID and a one-region catalog', async () => {
    const answer = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo', domain: { name: 'Default' }, password: cloud.demo.password } },
          },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-subject-token')).toMatch(/^gAAAAA/);
    expect(answer.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    const token = answer.body.token;
    expect(token.project).toEqual({
      id: cloud.seed.demoProjectId,
      name: 'demo',
      domain: { id: 'default', name: 'Default' },
    });
    expect(token.methods).toEqual(['password']);
    expect(token.roles.map((role: { name: string }) => role.name).sort()).toEqual(['member', 'reader']);
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(60_000);
    const types = token.catalog.map((entry: { type: string }) => entry.type).sort();
    expect(types).toEqual(['block-storage', 'compute', 'identity', 'image', 'load-balancer', 'network']);
    for (const entry of token.catalog) {
      expect(entry.endpoints.map((endpoint: { interface: string }) => endpoint.interface).sort()).toEqual([
        'admin',
        'internal',
        'public',
      ]);
      for (const endpoint of entry.endpoints) expect(endpoint.region_id).toBe('RegionOne');
    }
    const volume = token.catalog.find((entry: { type: string }) => entry.type === 'block-storage');
    expect(volume.endpoints[0].url).toBe(`${cloud.url}/volume/v3/${cloud.seed.demoProjectId}`);
  });

  it('describes itself as a TestCloud', () => {
    expect(cloud.kind).toBe('simulator');
    expect(cloud.authUrl).toBe(`${cloud.url}/identity/v3`);
    expect(cloud.regionName).toBe('RegionOne');
    expect(cloud.externalNetworkName).toBe('public');
    expect([...cloud.services].sort()).toEqual([
      'block-storage',
      'compute',
      'identity',
      'image',
      'load-balancer',
      'network',
    ]);
    expect(cloud.caCert).toBeUndefined();
  });

  it('authenticates by IDs as well as by names', async () => {
    const session = await login(cloud, cloud.admin);
    const userId = session.body.user.id;
    const answer = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { id: userId, password: cloud.admin.password } } },
          scope: { project: { id: cloud.seed.adminProjectId } },
        },
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.token.roles.map((role: { name: string }) => role.name)).toContain('admin');
  });

  it('authenticates with the application credential (by id, or by name and user) and refuses a scope', async () => {
    const byId = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: { id: cloud.applicationCredential.id, secret: cloud.applicationCredential.secret },
          },
        },
      },
    });
    expect(byId.status).toBe(201);
    expect(byId.body.token.project.id).toBe(cloud.seed.demoProjectId);
    expect(byId.body.token.application_credential).toMatchObject({
      id: cloud.applicationCredential.id,
      restricted: true,
    });

    const byName = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: {
              name: cloud.applicationCredential.name,
              secret: cloud.applicationCredential.secret,
              user: { name: 'demo', domain: { name: 'Default' } },
            },
          },
        },
      },
    });
    expect(byName.status).toBe(201);

    const scoped = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: { id: cloud.applicationCredential.id, secret: cloud.applicationCredential.secret },
          },
          scope: { project: { id: cloud.seed.demoProjectId } },
        },
      },
    });
    expect(scoped.status).toBe(401);
    expect(scoped.body.error.message).toBe(
      'Error authenticating with application credential: Application credentials cannot request a scope.',
    );
  });

  it('answers bad credentials with 401 in Keystone’s error shape and a malformed request with 400', async () => {
    const wrong = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'nope' } },
          },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
    });
    const malformed = await call('POST', `${cloud.authUrl}/auth/tokens`, { body: { auth: {} } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe(400);
  });

  it('validates and revokes tokens; services then answer 401 with WWW-Authenticate', async () => {
    const session = await login(cloud, cloud.demo);
    const validated = await call('GET', `${cloud.authUrl}/auth/tokens`, {
      token: session.token,
      headers: { 'X-Subject-Token': session.token },
    });
    expect(validated.status).toBe(200);
    expect(validated.body.token.project.id).toBe(session.projectId);

    expect((await session.network('GET', '/networks')).status).toBe(200);
    const revoked = await call('DELETE', `${cloud.authUrl}/auth/tokens`, {
      token: session.token,
      headers: { 'X-Subject-Token': session.token },
    });
    expect(revoked.status).toBe(204);
    const afterRevoke = await session.network('GET', '/networks');
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get('www-authenticate')).toBe(`Keystone uri="${cloud.authUrl}"`);
    expect(afterRevoke.body.error.code).toBe(401);

    const admin = await login(cloud, cloud.admin);
    const gone = await call('GET', `${cloud.authUrl}/auth/tokens`, {
      token: admin.token,
      headers: { 'X-Subject-Token': session.token },
    });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toEqual({ code: 404, message: 'Could not recognize Fernet token', title: 'Not Found' });
  });

  it('expires tokens on the simulated clock', async () => {
    const session = await login(cloud, cloud.demo);
    cloud.clock.advance(59_000);
    expect((await session.network('GET', '/networks')).status).toBe(200);
    cloud.clock.advance(1_000);
    expect((await session.network('GET', '/networks')).status).toBe(401);
  });

  it('issues unscoped tokens without a catalog, which the other services refuse', async () => {
    const answer = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo', domain: { name: 'Default' }, password: cloud.demo.password } },
          },
        },
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.token.catalog).toBeUndefined();
    expect(answer.body.token.project).toBeUndefined();
    const token = answer.headers.get('x-subject-token')!;
    expect((await call('GET', `${cloud.url}/network/v2.0/networks`, { token })).status).toBe(401);
  });

  it('creates application credentials for the calling user and authenticates with them', async () => {
    const session = await login(cloud, cloud.demo);
    const createdCredential = await call(
      'POST',
      `${cloud.authUrl}/users/${session.body.user.id}/application_credentials`,
      {
        token: session.token,
        body: { application_credential: { name: 'rotated' } },
      },
    );
    expect(createdCredential.status).toBe(201);
    const { id, secret, project_id } = createdCredential.body.application_credential;
    expect(project_id).toBe(cloud.seed.demoProjectId);
    const answer = await call('POST', `${cloud.authUrl}/auth/tokens`, {
      body: {
        auth: { identity: { methods: ['application_credential'], application_credential: { id, secret } } },
      },
    });
    expect(answer.status).toBe(201);
    const removed = await call(
      'DELETE',
      `${cloud.authUrl}/users/${session.body.user.id}/application_credentials/${id}`,
      {
        token: session.token,
      },
    );
    expect(removed.status).toBe(204);
  });

  it('serves the version documents without a token', async () => {
    const root = await call('GET', `${cloud.url}/identity/`);
    expect(root.status).toBe(300);
    expect(root.body.versions.values[0].id).toMatch(/^v3\./);
    const v3 = await call('GET', cloud.authUrl);
    expect(v3.status).toBe(200);
    expect(v3.body.version.status).toBe('stable');
  });
});
