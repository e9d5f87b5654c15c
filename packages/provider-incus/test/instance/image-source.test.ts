import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMPLESTREAMS_SERVER,
  InstanceSpecError,
  parseImageShorthand,
  pinOciDigest,
  resolveImageSource,
} from '../../src/instance/index.js';

describe('image shorthands (CAPN prefix table)', () => {
  it.each([
    [
      'incus',
      'ubuntu:24.04',
      { alias: 'ubuntu/24.04/cloud', server: 'https://images.linuxcontainers.org', protocol: 'simplestreams' },
    ],
    [
      'incus',
      'debian:13',
      { alias: 'debian/13/cloud', server: 'https://images.linuxcontainers.org', protocol: 'simplestreams' },
    ],
    [
      'incus',
      'images:alpine/3.22',
      { alias: 'alpine/3.22', server: 'https://images.linuxcontainers.org', protocol: 'simplestreams' },
    ],
    [
      'incus',
      'capi:kubeadm/v1.33.0',
      { alias: 'kubeadm/v1.33.0', server: DEFAULT_SIMPLESTREAMS_SERVER, protocol: 'simplestreams' },
    ],
    [
      'incus',
      'capi-stg:kubeadm/v1.33.0',
      { alias: 'kubeadm/v1.33.0', server: 'https://djapqxqu5n2qu.cloudfront.net', protocol: 'simplestreams' },
    ],
    ['incus', 'kind:v1.33.0', { alias: 'kindest/node:v1.33.0', server: 'https://docker.io', protocol: 'oci' }],
    [
      'lxd',
      'ubuntu:24.04',
      { alias: '24.04', server: 'https://cloud-images.ubuntu.com/releases/', protocol: 'simplestreams' },
    ],
    [
      'lxd',
      'debian:12',
      { alias: 'debian/12/cloud', server: 'https://images.lxd.canonical.com', protocol: 'simplestreams' },
    ],
    [
      'lxd',
      'images:alpine/3.22',
      { alias: 'alpine/3.22', server: 'https://images.lxd.canonical.com', protocol: 'simplestreams' },
    ],
  ] as const)('%s %s', (kind, name, expected) => {
    expect(parseImageShorthand(kind, name)).toEqual(expected);
  });

  it('leaves names without exactly one colon alone', () => {
    expect(parseImageShorthand('incus', 'my-image')).toBeUndefined();
    expect(parseImageShorthand('incus', 'a:b:c')).toBeUndefined();
  });

  it('rejects unknown prefixes, kind on LXD and any prefix on unknown servers', () => {
    expect(() => parseImageShorthand('incus', 'fedora:42')).toThrow(/unknown image prefix "fedora" for server "incus"/);
    expect(() => parseImageShorthand('lxd', 'kind:v1.33.0')).toThrow(InstanceSpecError);
    expect(() => parseImageShorthand('unknown', 'ubuntu:24.04')).toThrow(/supports no image prefixes/);
  });
});

describe('resolveImageSource', () => {
  it('defaults to kubeadm/<version> on the default simplestreams server', () => {
    expect(
      resolveImageSource({ image: undefined, version: 'v1.33.0', instanceType: 'container', serverKind: 'incus' }),
    ).toEqual({
      type: 'image',
      protocol: 'simplestreams',
      server: DEFAULT_SIMPLESTREAMS_SERVER,
      alias: 'kubeadm/v1.33.0',
    });
  });

  it('defaults kind to kindest/node:<version> on Docker Hub', () => {
    expect(
      resolveImageSource({
        image: { name: '', fingerprint: '' },
        version: 'v1.33.0',
        instanceType: 'kind',
        serverKind: 'incus',
      }),
    ).toEqual({
      type: 'image',
      protocol: 'oci',
      server: 'https://docker.io',
      alias: 'kindest/node:v1.33.0',
    });
  });

  it('needs a version without an image', () => {
    expect(() =>
      resolveImageSource({ image: undefined, version: undefined, instanceType: 'container', serverKind: 'incus' }),
    ).toThrow(/does not have a Kubernetes version/);
  });

  it('substitutes VERSION and parses the shorthand', () => {
    expect(
      resolveImageSource({
        image: { name: 'capi:kubeadm/VERSION' },
        version: 'v1.32.4',
        instanceType: 'container',
        serverKind: 'incus',
      }),
    ).toEqual({
      type: 'image',
      alias: 'kubeadm/v1.32.4',
      server: DEFAULT_SIMPLESTREAMS_SERVER,
      protocol: 'simplestreams',
    });
    expect(() =>
      resolveImageSource({ image: { name: 'x/VERSION' }, version: '', instanceType: 'container', serverKind: 'incus' }),
    ).toThrow(/uses VERSION/);
  });

  it('keeps an explicit server, protocol and fingerprint', () => {
    expect(
      resolveImageSource({
        image: {
          name: 'custom/kubeadm',
          fingerprint: 'abc123',
          server: 'https://images.example.com',
          protocol: 'simplestreams',
        },
        version: 'v1.33.0',
        instanceType: 'container',
        serverKind: 'incus',
      }),
    ).toEqual({
      type: 'image',
      alias: 'custom/kubeadm',
      fingerprint: 'abc123',
      server: 'https://images.example.com',
      protocol: 'simplestreams',
    });
    expect(
      resolveImageSource({
        image: { fingerprint: 'abc123' },
        version: undefined,
        instanceType: 'container',
        serverKind: 'incus',
      }),
    ).toEqual({
      type: 'image',
      fingerprint: 'abc123',
    });
  });

  it('pins OCI digests', () => {
    expect(pinOciDigest('kindest/node:v1.33.0@sha256:abcd')).toBe('kindest/node@sha256:abcd');
    expect(pinOciDigest('registry:5000/kindest/node@sha256:abcd')).toBe('registry:5000/kindest/node@sha256:abcd');
    expect(pinOciDigest('kindest/node:v1.33.0')).toBe('kindest/node:v1.33.0');
    expect(
      resolveImageSource({
        image: { name: 'kindest/node:v1.33.0@sha256:ff', server: 'https://docker.io', protocol: 'oci' },
        version: 'v1.33.0',
        instanceType: 'kind',
        serverKind: 'incus',
      }).alias,
    ).toBe('kindest/node@sha256:ff');
  });
});
