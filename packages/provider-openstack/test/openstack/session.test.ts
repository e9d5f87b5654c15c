import { createCertificateAuthority, createLogger, issueCertificate } from '@capi-ts/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CloudConfig,
  cloudFromSecret,
  KeystoneSession,
  neutron,
  OpenStackApiError,
  OpenStackConnectionError,
} from '../../src/openstack/index.js';
import { FakeKeystone } from './fake-keystone.js';

const fakes: FakeKeystone[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
});

async function startFake(options: ConstructorParameters<typeof FakeKeystone>[0] = {}): Promise<FakeKeystone> {
  const fake = await new FakeKeystone(options).start();
  fakes.push(fake);
  return fake;
}

function cloudFor(fake: FakeKeystone, extra = ''): CloudConfig {
  return cloudFromSecret({
    cloudName: 'test',
    cloudsYaml: `clouds:
  test:
    auth:
      auth_url: ${fake.url}/identity
      username: demo
      password: s3cret-password
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
${extra}`,
  });
}

describe('KeystoneSession', () => {
  it('authenticates once and reuses the token while it is fresh', async () => {
    const fake = await startFake();
    const session = new KeystoneSession(cloudFor(fake));
    await Promise.all([neutron.listNetworks(session), neutron.listNetworks(session), neutron.listNetworks(session)]);
    await neutron.listNetworks(session);
    expect(fake.issued).toBe(1);
    const networkCalls = fake.received.filter((request) => request.url.startsWith('/network/'));
    expect(networkCalls).toHaveLength(4);
    expect(networkCalls.every((request) => request.headers['x-auth-token'] === 'token-1')).toBe(true);
    expect(networkCalls[0]?.headers.accept).toBe('application/json');
    expect(await session.projectId()).toBe('project-1');
    await session.close();
  });

  it('sends the password body gophercloud sends, to <auth_url>/v3/auth/tokens', async () => {
    const fake = await startFake();
    const session = new KeystoneSession(cloudFor(fake));
    await session.projectId();
    expect(fake.received[0]).toMatchObject({
      method: 'POST',
      url: '/identity/v3/auth/tokens',
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo', domain: { name: 'Default' }, password: 's3cret-password' } },
          },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      },
    });
    await session.close();
  });

  it('re-authenticates before the token expires', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const fake = await startFake({ now: () => now, tokenLifetimeMs: 60 * 60_000 });
    const session = new KeystoneSession(cloudFor(fake), { now: () => now });
    await neutron.listNetworks(session);
    now += 50 * 60_000;
    await neutron.listNetworks(session);
    expect(fake.issued).toBe(1);
    now += 6 * 60_000; // 4 minutes left: inside the 5-minute margin
    await neutron.listNetworks(session);
    expect(fake.issued).toBe(2);
    await session.close();
  });

  it('re-authenticates once when a service answers 401 and repeats the call', async () => {
    const fake = await startFake();
    const session = new KeystoneSession(cloudFor(fake));
    await neutron.listNetworks(session);
    fake.revoked.add('token-1');
    await neutron.listNetworks(session);
    expect(fake.issued).toBe(2);
    const last = fake.received.at(-1);
    expect(last?.headers['x-auth-token']).toBe('token-2');

    fake.revoked.add('token-2');
    fake.revoked.add('token-3');
    const error = await neutron.listNetworks(session).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenStackApiError);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(fake.issued).toBe(3);
    await session.close();
  });

  it('classifies refused credentials as unauthorized without echoing them', async () => {
    const fake = await startFake();
    const cloud = cloudFor(fake).credentials;
    const session = new KeystoneSession({
      ...cloudFor(fake),
      credentials: { ...cloud, password: { reveal: () => 'wrong' } } as typeof cloud,
    });
    const error = (await session.projectId().catch((caught: unknown) => caught)) as OpenStackApiError;
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('POST /identity/v3/auth/tokens: 401');
    expect(error.requestId).toBe('req-1');
    await session.close();
  });

  it('uses the clouds.yaml interface and region to pick endpoints', async () => {
    const fake = await startFake();
    const session = new KeystoneSession(cloudFor(fake, '    interface: internal\n'));
    await neutron.listNetworks(session);
    expect(fake.received.at(-1)?.url).toBe('/internal-network/v2.0/networks');
    await session.close();
  });

  it('never writes the password, the token or an application-credential secret to the log', async () => {
    const fake = await startFake();
    const lines: string[] = [];
    const capturing = createLogger({
      level: 'trace',
      hooks: {
        streamWrite: (line: string) => {
          lines.push(line);
          return '';
        },
      },
    });
    const session = new KeystoneSession(cloudFor(fake), { logger: capturing });
    await neutron.listNetworks(session);
    fake.revoked.add('token-1');
    await neutron.listNetworks(session);
    await neutron.getNetwork(session, 'missing').catch(() => undefined);
    const cloud = cloudFor(fake);
    capturing.info({ cloud }, 'a careless caller logs the whole cloud');
    const appCredential = cloudFromSecret({
      cloudName: 'ac',
      cloudsYaml:
        'clouds:\n  ac:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: http://x/v3\n      application_credential_id: abc\n      application_credential_secret: app-secret-value\n',
    });
    capturing.info({ appCredential }, 'and an application credential');
    const output = lines.join('');
    expect(output).toContain('OpenStack request');
    expect(output).toContain('GET /network/v2.0/networks');
    for (const secret of ['s3cret-password', 'token-1', 'token-2', 'app-secret-value']) {
      expect(output).not.toContain(secret);
    }
    expect(JSON.stringify(cloud)).not.toContain('s3cret-password');
    await session.close();
  });
});

describe('UndiciTransport TLS', () => {
  async function tlsFake() {
    const ca = await createCertificateAuthority('openstack-test-ca');
    const serving = await issueCertificate(ca, {
      commonName: '127.0.0.1',
      ipAddresses: ['127.0.0.1'],
      usages: ['server'],
    });
    return { ca, fake: await startFake({ tls: { cert: serving.cert, key: serving.key } }) };
  }

  it('trusts the secret cacert bundle', async () => {
    const { ca, fake } = await tlsFake();
    const session = new KeystoneSession({ ...cloudFor(fake), caCert: ca.cert });
    expect(await session.projectId()).toBe('project-1');
    await session.close();
  });

  it('refuses an untrusted certificate unless verify is false', async () => {
    const { fake } = await tlsFake();
    const strict = new KeystoneSession(cloudFor(fake));
    await expect(strict.projectId()).rejects.toBeInstanceOf(OpenStackConnectionError);
    await strict.close();
    const insecure = new KeystoneSession(cloudFor(fake, '    verify: false\n'));
    expect(await insecure.projectId()).toBe('project-1');
    await insecure.close();
  });
});
