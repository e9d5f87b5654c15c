import { describe, expect, it } from 'vitest';
import { cloudFromSecret, OpenStackConfigError, tokenRequestBody } from '../../src/openstack/index.js';

function cloud(entry: string, options: { cloudName?: string; region?: string; caCert?: string } = {}) {
  return cloudFromSecret({
    cloudsYaml: `clouds:\n  openstack:\n${entry.replace(/^/gm, '    ')}`,
    cloudName: options.cloudName ?? 'openstack',
    region: options.region,
    caCert: options.caCert,
  });
}

describe('clouds.yaml as CAPO reads it', () => {
  it('reads a password cloud by names, with region, interface and the secret CA', () => {
    const config = cloud(
      `auth:
  auth_url: https://keystone.example:5000/v3
  username: capi
  password: pw
  project_name: k8s
  user_domain_name: Users
  project_domain_name: Projects
region_name: RegionTwo
interface: internalURL
cacert: /etc/ignored/ca.pem
identity_api_version: 3`,
      { caCert: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n' },
    );
    expect(config).toMatchObject({
      authUrl: 'https://keystone.example:5000/v3',
      regionName: 'RegionTwo',
      interface: 'internal',
      verify: true,
      caCert: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(tokenRequestBody(config.credentials)).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'capi', domain: { name: 'Users' }, password: 'pw' } },
        },
        scope: { project: { name: 'k8s', domain: { name: 'Projects' } } },
      },
    });
  });

  it('prefers ids, falls back to domain_name/domain_id then default_domain for both domains', () => {
    const byIds = cloud('auth:\n  auth_url: http://k/\n  user_id: u1\n  password: pw\n  project_id: p1\n');
    expect(tokenRequestBody(byIds.credentials)).toMatchObject({
      auth: { identity: { password: { user: { id: 'u1', password: 'pw' } } }, scope: { project: { id: 'p1' } } },
    });
    const shared = cloud(
      'auth:\n  auth_url: http://k/\n  username: u\n  password: pw\n  project_name: p\n  domain_id: d1\n',
    );
    expect(tokenRequestBody(shared.credentials)).toMatchObject({
      auth: {
        identity: { password: { user: { name: 'u', domain: { id: 'd1' } } } },
        scope: { project: { name: 'p', domain: { id: 'd1' } } },
      },
    });
    const fallback = cloud(
      'auth:\n  auth_url: http://k/\n  username: u\n  password: pw\n  project_name: p\n  default_domain: default\n',
    );
    expect(tokenRequestBody(fallback.credentials)).toMatchObject({
      auth: { scope: { project: { domain: { id: 'default' } } } },
    });
  });

  it('reads application credentials by id and by name with their user', () => {
    const byId = cloud(
      'auth_type: v3applicationcredential\nauth:\n  auth_url: http://k/v3\n  application_credential_id: ac1\n  application_credential_secret: s\n',
    );
    expect(tokenRequestBody(byId.credentials)).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 's' } } },
    });
    const byName = cloud(
      'auth:\n  auth_url: http://k/v3\n  application_credential_name: capi\n  application_credential_secret: s\n  username: u\n  user_domain_id: default\n',
    );
    expect(tokenRequestBody(byName.credentials)).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { name: 'capi', user: { name: 'u', domain: { id: 'default' } }, secret: 's' },
        },
      },
    });
  });

  it('lets identityRef.region override region_name and honours verify: false', () => {
    const config = cloud(
      'auth:\n  auth_url: http://k\n  user_id: u\n  password: p\n  project_id: x\nregion_name: A\nverify: false\n',
      {
        region: 'B',
      },
    );
    expect(config.regionName).toBe('B');
    expect(config.verify).toBe(false);
    expect(config.interface).toBe('public');
  });

  it('explains what is wrong', () => {
    const base = 'auth:\n  auth_url: http://k\n  user_id: u\n  password: p\n  project_id: x\n';
    expect(() => cloud(base, { cloudName: 'other' })).toThrow(
      /cloud "other" is not in clouds.yaml \(clouds: openstack\)/,
    );
    expect(() => cloud(base, { cloudName: '' })).toThrow(/cloudName is required/);
    expect(() => cloud('auth:\n  user_id: u\n')).toThrow(/auth_url is required/);
    expect(() => cloud(`${base}auth_type: token\n`)).toThrow(/auth_type "token" is not supported/);
    expect(() => cloud('auth:\n  auth_url: http://k\n  username: u\n  password: p\n  project_id: x\n')).toThrow(
      /username needs user_domain_name/,
    );
    expect(() => cloud(`${base}identity_api_version: 2\n`)).toThrow(/only 3/);
    expect(() => cloudFromSecret({ cloudsYaml: 'clouds: [', cloudName: 'x' })).toThrow(OpenStackConfigError);
    expect(() => cloudFromSecret({ cloudsYaml: 'other: {}', cloudName: 'x' })).toThrow(/not a clouds file: clouds/);
  });
});
