import { describe, expect, it } from 'vitest';
import { mergeIgnitionV3 } from '../../src/ignition/clc/merge-v3.js';

// Ignition 3's merge rules, as coreos/ignition's config/merge applies them to a parent and a child config.

describe('merging Ignition 3 configs', () => {
  it('merges entries with the same key field by field, the child winning, and appends new ones', () => {
    const parent = {
      ignition: { version: '3.4.0' },
      systemd: {
        units: [
          { name: 'a.service', enabled: true, contents: 'A' },
          { name: 'b.service', mask: true },
        ],
      },
    };
    const child = {
      ignition: { version: '3.4.0', timeouts: { httpTotal: 5 } },
      systemd: { units: [{ name: 'a.service', enabled: false, dropins: [{ name: 'x.conf' }] }, { name: 'c.service' }] },
    };
    expect(mergeIgnitionV3(parent, child)).toEqual({
      ignition: { version: '3.4.0', timeouts: { httpTotal: 5 } },
      systemd: {
        units: [
          { name: 'a.service', enabled: false, contents: 'A', dropins: [{ name: 'x.conf' }] },
          { name: 'b.service', mask: true },
          { name: 'c.service' },
        ],
      },
    });
  });

  it('lets a child directory or link replace a parent file at the same path', () => {
    const parent = {
      storage: { files: [{ path: '/a', mode: 420 }, { path: '/b' }], links: [{ path: '/c', target: '/x' }] },
    };
    const child = { storage: { directories: [{ path: '/a', mode: 493 }], files: [{ path: '/c' }] } };
    expect(mergeIgnitionV3(parent, child)).toEqual({
      storage: { files: [{ path: '/b' }, { path: '/c' }], directories: [{ path: '/a', mode: 493 }] },
    });
  });

  it('concatenates append and option lists and deduplicates keyed primitives', () => {
    const parent = {
      storage: { files: [{ path: '/m', append: [{ source: 'data:,a' }] }] },
      passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['k1', 'k2'] }] },
    };
    const child = {
      storage: { files: [{ path: '/m', append: [{ source: 'data:,a' }] }] },
      passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['k2', 'k3'] }] },
    };
    expect(mergeIgnitionV3(parent, child)).toEqual({
      storage: { files: [{ path: '/m', append: [{ source: 'data:,a' }, { source: 'data:,a' }] }] },
      passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['k1', 'k2', 'k3'] }] },
    });
  });

  it('keys partitions by number, else by label', () => {
    const parent = {
      storage: { disks: [{ device: '/dev/sdb', partitions: [{ number: 1, sizeMiB: 10 }, { label: 'x' }] }] },
    };
    const child = {
      storage: { disks: [{ device: '/dev/sdb', partitions: [{ number: 1, sizeMiB: 20 }, { label: 'y' }] }] },
    };
    expect(mergeIgnitionV3(parent, child)).toEqual({
      storage: {
        disks: [{ device: '/dev/sdb', partitions: [{ number: 1, sizeMiB: 20 }, { label: 'x' }, { label: 'y' }] }],
      },
    });
  });
});
