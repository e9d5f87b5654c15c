import type { InstanceSource } from '../incus/api/instance.js';
import type { ServerKind } from '../incus/api/server.js';
import { InstanceSpecError } from './errors.js';

/** CAPN's default simplestreams server with kubeadm (`kubeadm/<version>`) and `haproxy` images. */
export const DEFAULT_SIMPLESTREAMS_SERVER = 'https://d14dnvi2l3tc5t.cloudfront.net';
/** CAPN's staging simplestreams server (`capi-stg:` prefix). */
export const STAGING_SIMPLESTREAMS_SERVER = 'https://djapqxqu5n2qu.cloudfront.net';
/** Registry of the `kindest/node` images of kind instances. */
export const KIND_IMAGE_SERVER = 'https://docker.io';

/** `LXCMachine.spec.image` (and `instanceSpec.image` of load balancers). */
export interface MachineImageSource {
  name?: string;
  fingerprint?: string;
  server?: string;
  protocol?: string;
}

/** An image source that only names where to look, as written to `POST /1.0/instances` `source`. */
type ImageSourceFields = Pick<InstanceSource, 'alias' | 'server' | 'protocol'>;

const linuxContainers = 'https://images.linuxcontainers.org';
const canonicalImages = 'https://images.lxd.canonical.com';

/** The `<prefix>:<name>` image shorthands per server kind (CAPN's table). */
const prefixes: Record<'incus' | 'lxd', Record<string, (rest: string) => ImageSourceFields>> = {
  incus: {
    ubuntu: (v) => ({ alias: `ubuntu/${v}/cloud`, server: linuxContainers, protocol: 'simplestreams' }),
    debian: (v) => ({ alias: `debian/${v}/cloud`, server: linuxContainers, protocol: 'simplestreams' }),
    images: (x) => ({ alias: x, server: linuxContainers, protocol: 'simplestreams' }),
    capi: (x) => ({ alias: x, server: DEFAULT_SIMPLESTREAMS_SERVER, protocol: 'simplestreams' }),
    'capi-stg': (x) => ({ alias: x, server: STAGING_SIMPLESTREAMS_SERVER, protocol: 'simplestreams' }),
    kind: (v) => ({ alias: `kindest/node:${v}`, server: KIND_IMAGE_SERVER, protocol: 'oci' }),
  },
  lxd: {
    ubuntu: (v) => ({ alias: v, server: 'https://cloud-images.ubuntu.com/releases/', protocol: 'simplestreams' }),
    debian: (v) => ({ alias: `debian/${v}/cloud`, server: canonicalImages, protocol: 'simplestreams' }),
    images: (x) => ({ alias: x, server: canonicalImages, protocol: 'simplestreams' }),
    capi: (x) => ({ alias: x, server: DEFAULT_SIMPLESTREAMS_SERVER, protocol: 'simplestreams' }),
    'capi-stg': (x) => ({ alias: x, server: STAGING_SIMPLESTREAMS_SERVER, protocol: 'simplestreams' }),
  },
};

/**
 * Resolves a `<prefix>:<name>` shorthand (`ubuntu:24.04`, `debian:13`, `images:alpine/3.22`, `capi:kubeadm/v1.33.0`,
 * `capi-stg:...`, `kind:v1.33.0` on Incus) to an image server, protocol and alias. A name without exactly one
 * `:` is not a shorthand and yields `undefined` (it is then a plain alias). Unknown prefixes are errors.
 */
export function parseImageShorthand(serverKind: ServerKind, name: string): ImageSourceFields | undefined {
  const parts = name.split(':');
  if (parts.length !== 2) return undefined;
  const [prefix = '', rest = ''] = parts;
  if (serverKind === 'unknown') {
    throw new InstanceSpecError(`image ${JSON.stringify(name)}: server type "unknown" supports no image prefixes`);
  }
  const resolve = prefixes[serverKind][prefix];
  if (!resolve) {
    const known = Object.keys(prefixes[serverKind]).join(', ');
    throw new InstanceSpecError(
      `unknown image prefix "${prefix}" for server "${serverKind}": must be one of [${known}]`,
    );
  }
  return resolve(rest);
}

/** Replaces every `VERSION` in an image name with the Machine's Kubernetes version. */
export function substituteVersion(name: string, version: string | undefined): string {
  if (!name.includes('VERSION')) return name;
  if (!version) {
    throw new InstanceSpecError(`image name ${JSON.stringify(name)} uses VERSION but the Machine has no spec.version`);
  }
  return name.replaceAll('VERSION', version);
}

/** Pins an OCI reference `image[:tag]@sha256:<hash>` to `image@sha256:<hash>`, as Incus expects. */
export function pinOciDigest(alias: string): string {
  const at = alias.indexOf('@');
  if (at < 0) return alias;
  const reference = alias.slice(0, at);
  const colon = reference.lastIndexOf(':');
  const slash = reference.lastIndexOf('/');
  const image = colon > slash ? reference.slice(0, colon) : reference;
  return `${image}${alias.slice(at)}`;
}

/** What decides the image of one machine. */
export interface ImageInput {
  image: MachineImageSource | undefined;
  /** `Machine.spec.version`, e.g. `v1.33.0`. */
  version: string | undefined;
  /** `container`, `virtual-machine` or `kind`. */
  instanceType: 'container' | 'virtual-machine' | 'kind';
  serverKind: ServerKind;
}

/**
 * The `source` of `POST /1.0/instances` for a machine: the user's image (after `VERSION` substitution and
 * shorthand parsing, with explicit `server`/`protocol`/`fingerprint` kept), else the default one:
 * `kubeadm/<version>` on the default simplestreams server for containers and VMs, `kindest/node:<version>` on
 * Docker Hub for kind. Without an image and without a version there is nothing to launch.
 */
export function resolveImageSource(input: ImageInput): InstanceSource {
  const name = substituteVersion(input.image?.name ?? '', input.version);
  const fingerprint = input.image?.fingerprint ?? '';
  if (name === '' && fingerprint === '') return defaultImageSource(input);
  const source: InstanceSource = { type: 'image' };
  if (name !== '') source.alias = name;
  if (fingerprint !== '') source.fingerprint = fingerprint;
  if (input.image?.server) source.server = input.image.server;
  if (input.image?.protocol) source.protocol = input.image.protocol as InstanceSource['protocol'];
  const shorthand = name === '' ? undefined : parseImageShorthand(input.serverKind, name);
  if (shorthand) Object.assign(source, shorthand);
  if (source.protocol === 'oci' && source.alias) source.alias = pinOciDigest(source.alias);
  return source;
}

function defaultImageSource(input: ImageInput): InstanceSource {
  if (!input.version) {
    throw new InstanceSpecError(
      'no image source specified on the LXCMachine and the Machine does not have a Kubernetes version',
    );
  }
  if (input.instanceType === 'kind') {
    return { type: 'image', protocol: 'oci', server: KIND_IMAGE_SERVER, alias: `kindest/node:${input.version}` };
  }
  return {
    type: 'image',
    protocol: 'simplestreams',
    server: DEFAULT_SIMPLESTREAMS_SERVER,
    alias: `kubeadm/${input.version}`,
  };
}
