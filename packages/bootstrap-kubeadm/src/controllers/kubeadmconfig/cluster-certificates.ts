import { generateKeyPairSync } from 'node:crypto';
import {
  builtin,
  type Cluster,
  certificateSecret,
  createCertificateAuthority,
  createSecretIfMissing,
  type KeyAlgorithm,
  type KeyPair,
  type KubeClient,
  type ObjectReader,
  type OwnerReference,
  type Secret,
  SecretDataKey,
  secretValue,
} from '@capi-ts/sdk';
import type { ClusterConfiguration } from '../../api/v1beta2/index.js';
import { type CertificateMaterial, type CertificatePurpose, certificateSecretName } from './certificate-files.js';

// Cluster API's `util/secret` certificates: `<cluster>-ca|etcd|proxy|sa` (+ `-apiserver-etcd-client` for external
// etcd) with `tls.crt`/`tls.key`. The first control plane of a cluster without a control-plane provider generates
// the missing ones; everyone else only reads them.

/** A certificate Secret the node needs does not exist or is unusable; the message names it. */
export class MissingCertificateError extends Error {
  override readonly name = 'MissingCertificateError';
}

/** Certificates by purpose, as read or generated. */
export type ClusterCertificates = Partial<Record<CertificatePurpose, CertificateMaterial>>;

/** The purposes the first control-plane node needs; the etcd ones depend on local or external etcd. */
export function initialControlPlanePurposes(config: ClusterConfiguration | undefined): CertificatePurpose[] {
  return config?.etcd?.external
    ? ['ca', 'etcd', 'proxy', 'sa', 'apiserver-etcd-client']
    : ['ca', 'etcd', 'proxy', 'sa'];
}

/** Only these are generated; the external etcd CA and client certificate always come from the user. */
function generatable(purpose: CertificatePurpose, config: ClusterConfiguration | undefined): boolean {
  if (purpose === 'apiserver-etcd-client') return false;
  return !(purpose === 'etcd' && config?.etcd?.external);
}

function keyAlgorithmOf(config: ClusterConfiguration | undefined): KeyAlgorithm {
  return config?.encryptionAlgorithm?.startsWith('ECDSA') ? 'ecdsa' : 'rsa';
}

/** The service-account signing key pair: public key PEM under `tls.crt`, private key under `tls.key`. */
function serviceAccountKeys(algorithm: KeyAlgorithm): KeyPair {
  const pair =
    algorithm === 'ecdsa'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    cert: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    key: pair.privateKey.export({ type: algorithm === 'ecdsa' ? 'sec1' : 'pkcs1', format: 'pem' }).toString(),
  };
}

async function generate(purpose: CertificatePurpose, config: ClusterConfiguration | undefined): Promise<KeyPair> {
  const algorithm = keyAlgorithmOf(config);
  if (purpose === 'sa') return serviceAccountKeys(algorithm);
  return await createCertificateAuthority('kubernetes', {
    keyAlgorithm: algorithm,
    validityDays: config?.caCertificateValidityPeriodDays ?? 3650,
  });
}

function material(secret: Readonly<Secret>): CertificateMaterial {
  const cert = secretValue(secret, SecretDataKey.tlsCert)?.toString('utf8');
  const key = secretValue(secret, SecretDataKey.tlsKey)?.toString('utf8');
  return { cert: cert ?? '', ...(key ? { key } : {}) };
}

/** Options of {@link reconcileCertificates}. */
export interface CertificatesRequest {
  purposes: readonly CertificatePurpose[];
  clusterConfiguration: ClusterConfiguration | undefined;
  /** Generate the missing generatable ones, owned by this reference; read-only when absent. */
  generateOwnedBy?: OwnerReference;
}

/**
 * Reads the cluster certificates for `purposes` (from the cache), generating missing ones when
 * `generateOwnedBy` is given. Throws {@link MissingCertificateError} naming the first one that is still missing
 * or has no certificate.
 */
export async function reconcileCertificates(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
  request: CertificatesRequest,
): Promise<ClusterCertificates> {
  const key = { namespace: cluster.metadata.namespace as string, name: cluster.metadata.name as string };
  const found: ClusterCertificates = {};
  for (const purpose of request.purposes) {
    const name = certificateSecretName(key.name, purpose);
    let secret = await reader.get(builtin.secret, { namespace: key.namespace, name });
    if (!secret && request.generateOwnedBy && generatable(purpose, request.clusterConfiguration)) {
      const pair = await generate(purpose, request.clusterConfiguration);
      secret = (await createSecretIfMissing(client, certificateSecret(key, purpose, pair, request.generateOwnedBy)))
        .secret;
    }
    if (!secret) throw new MissingCertificateError(`Secret ${key.namespace}/${name} does not exist`);
    const pem = material(secret);
    if (!pem.cert) {
      throw new MissingCertificateError(`Secret ${key.namespace}/${name} has no ${SecretDataKey.tlsCert}`);
    }
    found[purpose] = pem;
  }
  return found;
}
