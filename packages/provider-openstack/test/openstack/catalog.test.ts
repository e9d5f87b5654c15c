import { describe, expect, it } from 'vitest';
import {
  type CatalogEntry,
  EndpointNotFoundError,
  requestUrl,
  resourceBaseUrl,
  selectEndpoint,
} from '../../src/openstack/index.js';

const catalog: CatalogEntry[] = [
  {
    type: 'volumev2',
    endpoints: [{ interface: 'public', region: 'RegionOne', url: 'https://cloud/volume/v2/p' }],
  },
  {
    type: 'block-storage',
    endpoints: [{ interface: 'public', region: 'RegionOne', url: 'https://cloud/volume/v3/p' }],
  },
  {
    type: 'network',
    endpoints: [
      { interface: 'public', region: 'RegionOne', url: 'https://one/network' },
      { interface: 'internal', region: 'RegionOne', url: 'http://internal-one:9696' },
      { interface: 'public', region: null, region_id: 'RegionTwo', url: 'https://two/network/' },
    ],
  },
];

describe('catalog endpoint selection', () => {
  it('matches type, interface and region (or region_id), with a trailing slash', () => {
    expect(selectEndpoint(catalog, { type: 'network', interface: 'public', region: 'RegionOne' })).toBe(
      'https://one/network/',
    );
    expect(selectEndpoint(catalog, { type: 'network', interface: 'internal' })).toBe('http://internal-one:9696/');
    expect(selectEndpoint(catalog, { type: 'network', interface: 'public', region: 'RegionTwo' })).toBe(
      'https://two/network/',
    );
  });

  it('prefers the canonical type over its aliases', () => {
    expect(selectEndpoint(catalog, { type: 'block-storage', interface: 'public' })).toBe('https://cloud/volume/v3/p/');
    expect(selectEndpoint(catalog.slice(0, 1), { type: 'block-storage', interface: 'public' })).toBe(
      'https://cloud/volume/v2/p/',
    );
  });

  it('says what is missing', () => {
    expect(() => selectEndpoint(catalog, { type: 'network', interface: 'admin', region: 'RegionOne' })).toThrow(
      new EndpointNotFoundError('no admin endpoint of service type network in the catalog in region RegionOne'),
    );
  });

  it('derives resource bases as gophercloud does', () => {
    expect(resourceBaseUrl('network', 'http://n:9696/')).toBe('http://n:9696/v2.0/');
    expect(resourceBaseUrl('network', 'http://n:9696/v2.0/')).toBe('http://n:9696/v2.0/');
    expect(resourceBaseUrl('image', 'http://g/image/')).toBe('http://g/image/v2/');
    expect(resourceBaseUrl('load-balancer', 'http://o:9876/v2.0/')).toBe('http://o:9876/v2.0/');
    expect(resourceBaseUrl('load-balancer', 'http://o/load-balancer/')).toBe('http://o/load-balancer/v2.0/');
    expect(resourceBaseUrl('compute', 'http://c/v2.1/')).toBe('http://c/v2.1/');
  });

  it('builds request URLs: repeated array parameters, links kept on the endpoint host', () => {
    expect(
      requestUrl('http://n:9696/', 'network', {
        method: 'GET',
        path: 'ports',
        query: { device_owner: ['a', 'b'], fixed_ips: 'ip_address=10.0.0.1', name: undefined },
      }),
    ).toBe('http://n:9696/v2.0/ports?device_owner=a&device_owner=b&fixed_ips=ip_address%3D10.0.0.1');
    expect(
      requestUrl('https://n/network/', 'network', {
        method: 'GET',
        path: 'http://internal-host:9696/network/v2.0/ports?marker=x',
      }),
    ).toBe('https://n/network/v2.0/ports?marker=x');
    expect(requestUrl('http://c/v2.1/', 'compute', { method: 'GET', path: '', base: 'endpoint' })).toBe(
      'http://c/v2.1/',
    );
    expect(requestUrl('http://o/v2.0/', 'load-balancer', { method: 'GET', path: '', base: 'versionless' })).toBe(
      'http://o/',
    );
  });
});
