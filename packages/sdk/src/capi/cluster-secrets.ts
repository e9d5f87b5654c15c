import type { Secret } from '../client/builtin.js';
import { builtin } from '../client/builtin.js';
import { isAlreadyExists } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import type { ObjectReader } from './object-reader.js';

/** The purposes Cluster API gives cluster Secrets named `<cluster>-<purpose>` (`util/secret/consts.go`). */
export const SecretPurpose = {
  kubeconfig: 'kubeconfig',
  clusterCA: 'ca',
  etcdCA: 'etcd',
  serviceAccount: 'sa',
  frontProxyCA: 'proxy',
  apiServerEtcdClient: 'apiserver-etcd-client',
} as const;

/** Data keys of cluster Secrets. */
export const SecretDataKey = {
  /** The kubeconfig in a `<cluster>-kubeconfig` Secret, and the bootstrap data in a bootstrap data Secret. */
  value: 'value',
  /** The bootstrap data format (`cloud-config` or `ignition`) in a bootstrap data Secret. */
  format: 'format',
  tlsCert: 'tls.crt',
  tlsKey: 'tls.key',
} as const;

/** `<cluster>-<purpose>`, the name of a cluster Secret. */
export function clusterSecretName(clusterName: string, purpose: string): string {
  return `${clusterName}-${purpose}`;
}

/**
 * Splits a cluster Secret name into the cluster name and one of the {@link SecretPurpose}s; `undefined` when the
 * name does not end with `-<purpose>` for a known purpose.
 */
export function parseClusterSecretName(name: string): { clusterName: string; purpose: string } | undefined {
  for (const purpose of Object.values(SecretPurpose)) {
    const suffix = `-${purpose}`;
    if (name.endsWith(suffix)) return { clusterName: name.slice(0, -suffix.length), purpose };
  }
  return undefined;
}

/** Base64 for a Secret's `data`. */
export function encodeSecretValue(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64');
}

/** Decodes one key of a Secret's `data`; `undefined` when the key is absent. */
export function secretValue(secret: Readonly<Secret>, key: string): Buffer | undefined {
  const encoded = secret.data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64');
}

/** The outcome of {@link createSecretIfMissing}. */
export interface EnsuredSecret {
  /** The Secret as stored: the one created, or the one that was already there. */
  secret: Readonly<Secret>;
  /** False when a Secret of that name already existed; it was left untouched. */
  created: boolean;
}

/**
 * Creates `secret` unless one of that name exists; an existing Secret is returned as it is and never changed, so
 * user-provided data (a bring-your-own CA, a hand-written kubeconfig) is kept. `reader` is asked first (typically the
 * cache); a create that races with another writer falls back to reading the winner from the API server.
 */
export async function createSecretIfMissing(
  client: KubeClient,
  secret: Secret,
  reader?: ObjectReader,
): Promise<EnsuredSecret> {
  const { namespace, name } = secret.metadata;
  if (!namespace || !name) throw new Error('createSecretIfMissing: the Secret needs a namespace and a name');
  const cached = await reader?.get(builtin.secret, { namespace, name });
  if (cached) return { secret: cached, created: false };
  try {
    return { secret: await client.create(builtin.secret, secret), created: true };
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    return { secret: await client.get(builtin.secret, { namespace, name }), created: false };
  }
}
