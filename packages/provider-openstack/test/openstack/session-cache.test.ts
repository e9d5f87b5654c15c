import { describe, expect, it } from 'vitest';
import { cloudFromSecret, SessionCache } from '../../src/openstack/index.js';

function cloud(password: string, region = 'RegionOne') {
  return cloudFromSecret({
    cloudName: 'c',
    region,
    cloudsYaml: `clouds:\n  c:\n    auth:\n      auth_url: http://k/v3\n      user_id: u\n      password: ${password}\n      project_id: p\n`,
  });
}

describe('SessionCache', () => {
  it('shares a session between equal configurations and separates changed secrets or regions', async () => {
    const cache = new SessionCache(10);
    const first = cache.session(cloud('one'));
    expect(cache.session(cloud('one'))).toBe(first);
    expect(cache.session(cloud('two'))).not.toBe(first);
    expect(cache.session(cloud('one', 'RegionTwo'))).not.toBe(first);
    expect(cache.size).toBe(3);
    await cache.close();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used session and can be disabled', async () => {
    const cache = new SessionCache(2);
    const a = cache.session(cloud('a'));
    cache.session(cloud('b'));
    expect(cache.session(cloud('a'))).toBe(a);
    cache.session(cloud('c'));
    expect(cache.size).toBe(2);
    expect(cache.session(cloud('a'))).toBe(a);
    expect(cache.size).toBe(2);
    await cache.close();
    const disabled = new SessionCache(0);
    expect(disabled.session(cloud('a'))).not.toBe(disabled.session(cloud('a')));
    expect(disabled.size).toBe(0);
  });
});
