import { describe, expect, it } from 'vitest';
import { openStackProviderId, parseOpenStackProviderId } from '../../../src/controllers/shared/provider-id.js';

const id = '9a7e3f2c-1b4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('OpenStack providerIDs', () => {
  it('names the region and the server', () => {
    expect(openStackProviderId('RegionOne', id)).toBe(`openstack://RegionOne/${id}`);
  });

  it('leaves the region empty when the identity has none, as the cloud controller manager does', () => {
    expect(openStackProviderId(undefined, id)).toBe(`openstack:///${id}`);
    expect(openStackProviderId('', id)).toBe(`openstack:///${id}`);
  });

  it('refuses a missing or malformed server id', () => {
    expect(() => openStackProviderId('r', '')).toThrow('is not a server id');
    expect(() => openStackProviderId('r', 'a/b')).toThrow('is not a server id');
  });

  it.each([
    [`openstack://RegionOne/${id}`, { region: 'RegionOne', serverId: id }],
    [`openstack:///${id}`, { region: '', serverId: id }],
    [`aws:///${id}`, undefined],
    ['openstack://', undefined],
    ['openstack://RegionOne/', undefined],
    [id, undefined],
  ])('reads %s', (value, expected) => {
    expect(parseOpenStackProviderId(value)).toEqual(expected);
  });

  it('reads back what it writes', () => {
    for (const region of ['', 'RegionOne', 'eu-de-1']) {
      expect(parseOpenStackProviderId(openStackProviderId(region, id))).toEqual({ region, serverId: id });
    }
  });
});
