import { builtin, type Secret } from '../client/builtin.js';
import type { KubeClient } from '../client/kube-client.js';
import type { OwnerReference } from '../client/object.js';
import { createCertificateAuthority, type KeyAlgorithm, type KeyPair } from '../pki/certificates.js';
import {
  clusterSecretName,
  createSecretIfMissing,
  encodeSecretValue,
  SecretDataKey,
  SecretPurpose,
  secretValue,
} from './cluster-secrets.js';
import { CapiLabel, CLUSTER_SECRET_TYPE } from './constants.js';
import { clientReader, type ObjectReader } from './object-reader.js';

/** Namespace and name of a Cluster. */
export interface ClusterKey {
  namespace: string;
  name: string;
}

/** A certificate authority read from a `tls.crt`/`tls.key` Secret. */
export interface CertificateAuthoritySecret {
  /** PEM certificate. */
  cert: string;
  /** PEM private key; absent when the user supplied only the certificate (an external CA). */
  key?: string;
  /** The Secret it was read from. */
  secret: Readonly<Secret>;
}

/** Reads a `tls.crt`/`tls.key` Secret; throws when it has no `tls.crt`. */
export function certificateAuthorityFromSecret(secret: Readonly<Secret>): CertificateAuthoritySecret {
  const cert = secretValue(secret, SecretDataKey.tlsCert);
  if (!cert || cert.length === 0) {
    throw new Error(`Secret ${secret.metadata.namespace}/${secret.metadata.name} has no ${SecretDataKey.tlsCert}`);
  }
  const key = secretValue(secret, SecretDataKey.tlsKey);
  return {
    cert: cert.toString('utf8'),
    ...(key && key.length > 0 ? { key: key.toString('utf8') } : {}),
    secret,
  };
}

/**
 * A cluster certificate Secret as Cluster API writes it (`util/secret.Certificate.AsSecret`): named
 * `<cluster>-<purpose>`, type `cluster.x-k8s.io/secret`, the cluster-name label, `tls.crt` and `tls.key`, and the
 * owner reference when given.
 */
export function certificateSecret(
  cluster: ClusterKey,
  purpose: string,
  keyPair: KeyPair,
  owner?: OwnerReference,
): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      namespace: cluster.namespace,
      name: clusterSecretName(cluster.name, purpose),
      labels: { [CapiLabel.clusterName]: cluster.name },
      ...(owner ? { ownerReferences: [owner] } : {}),
    },
    type: CLUSTER_SECRET_TYPE,
    data: {
      [SecretDataKey.tlsCert]: encodeSecretValue(keyPair.cert),
      [SecretDataKey.tlsKey]: encodeSecretValue(keyPair.key),
    },
  };
}

/** Options of {@link ensureClusterCertificateAuthority}. */
export interface EnsureCertificateAuthorityOptions {
  /** Owner of a generated CA Secret, e.g. a controller reference to the control plane. A user-provided one is not changed. */
  owner?: OwnerReference;
  /** Key algorithm of a generated CA; RSA by default, as Cluster API. */
  keyAlgorithm?: KeyAlgorithm;
  /** Validity of a generated CA in days; 3650 by default. */
  validityDays?: number;
  /** Where to look before creating (typically the cache); the API server answers when omitted. */
  reader?: ObjectReader;
  /** The Secret purpose; `ca` (the cluster CA) by default, `etcd` or `proxy` for the other CAs. */
  purpose?: string;
}

/**
 * Returns the cluster CA held in `<cluster>-ca`, creating it (common name `kubernetes`, as Cluster API) when the
 * Secret does not exist. An existing Secret, generated earlier or provided by the user, is adopted as it is.
 */
export async function ensureClusterCertificateAuthority(
  client: KubeClient,
  cluster: ClusterKey,
  options: EnsureCertificateAuthorityOptions = {},
): Promise<CertificateAuthoritySecret & { created: boolean }> {
  const purpose = options.purpose ?? SecretPurpose.clusterCA;
  const reader = options.reader ?? clientReader(client);
  const existing = await reader.get(builtin.secret, {
    namespace: cluster.namespace,
    name: clusterSecretName(cluster.name, purpose),
  });
  if (existing) return { ...certificateAuthorityFromSecret(existing), created: false };

  const keyPair = await createCertificateAuthority('kubernetes', {
    keyAlgorithm: options.keyAlgorithm ?? 'rsa',
    validityDays: options.validityDays ?? 3650,
  });
  const { secret, created } = await createSecretIfMissing(
    client,
    certificateSecret(cluster, purpose, keyPair, options.owner),
  );
  return { ...certificateAuthorityFromSecret(secret), created };
}
