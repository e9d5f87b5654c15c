import {
  builtin,
  CapiLabel,
  CLUSTER_SECRET_TYPE,
  type Cluster,
  capiTypes,
  clusterSecretName,
  createCertificateAuthority,
  createSecretIfMissing,
  encodeSecretValue,
  type KubeClient,
  type ObjectReader,
  ownerReferenceTo,
  type Secret,
  secretValue,
} from '@capi-ts/sdk';
import { generateAuthToken, generateJoinToken } from './tokens.js';

// The Secrets a MicroK8s cluster shares between its nodes, with CABPM's names and keys, so clusters created by
// the Go provider are adopted as they are and the MicroK8s control-plane provider reads ours.

/** `<cluster>-<suffix>` names of the shared Secrets. */
export const ClusterSecretSuffix = {
  certificateAuthority: 'ca',
  joinToken: 'jointoken',
  authToken: 'capi-auth-token',
} as const;

/** The CA key pair under CABPM's keys (`crt`, `key`) and Cluster API's (`tls.crt`, `tls.key`). */
const CaKey = { cert: 'crt', key: 'key', tlsCert: 'tls.crt', tlsKey: 'tls.key' } as const;

/** A user-provided `<cluster>-ca` that cannot be used; the message names the Secret and what is wrong. */
export class InvalidCertificateAuthorityError extends Error {
  override readonly name = 'InvalidCertificateAuthorityError';
}

/** The cluster CA as PEM. */
export interface ClusterCertificateAuthority {
  cert: string;
  key: string;
}

/** A generated shared Secret: cluster-name label, owned by the Cluster, so deleting the Cluster removes it. */
function sharedSecret(cluster: Readonly<Cluster>, suffix: string, data: Record<string, string>): Secret {
  const name = cluster.metadata.name as string;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      namespace: cluster.metadata.namespace,
      name: clusterSecretName(name, suffix),
      labels: { [CapiLabel.clusterName]: name },
      ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
    },
    type: CLUSTER_SECRET_TYPE,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeSecretValue(v)])),
  };
}

function requiredValue(secret: Readonly<Secret>, key: string): string {
  const value = secretValue(secret, key)?.toString('utf8');
  if (!value) throw new Error(`Secret ${secret.metadata.namespace}/${secret.metadata.name} has no "${key}" key`);
  return value;
}

/** The cluster's join token (`<cluster>-jointoken`, key `value`), generated unless it exists (user-provided). */
export async function ensureJoinToken(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<string> {
  const desired = sharedSecret(cluster, ClusterSecretSuffix.joinToken, { value: generateJoinToken() });
  const { secret } = await createSecretIfMissing(client, desired, reader);
  return requiredValue(secret, 'value');
}

/** The cluster agent's token (`<cluster>-capi-auth-token`, key `token`), generated unless it exists. */
export async function ensureAuthToken(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<string> {
  const desired = sharedSecret(cluster, ClusterSecretSuffix.authToken, { token: generateAuthToken() });
  const { secret } = await createSecretIfMissing(client, desired, reader);
  return requiredValue(secret, 'token');
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----/;
const PRIVATE_KEY_PEM = /-----BEGIN (RSA |EC )?PRIVATE KEY-----/;

/**
 * Reads a CA Secret: CABPM's `crt`/`key`, or Cluster API's `tls.crt`/`tls.key` (a CA made by another control
 * plane provider). Throws {@link InvalidCertificateAuthorityError} when neither pair holds PEM data.
 */
export function readCertificateAuthority(secret: Readonly<Secret>): ClusterCertificateAuthority {
  const where = `Secret ${secret.metadata.namespace}/${secret.metadata.name}`;
  const text = (key: string) => secretValue(secret, key)?.toString('utf8');
  const cert = text(CaKey.cert) ?? text(CaKey.tlsCert);
  const key = text(CaKey.key) ?? text(CaKey.tlsKey);
  if (cert === undefined || key === undefined) {
    const found = Object.keys(secret.data ?? {}).sort();
    throw new InvalidCertificateAuthorityError(
      `${where} needs the keys "crt" and "key" (or "tls.crt" and "tls.key"); it has ${found.length > 0 ? found.map((k) => `"${k}"`).join(', ') : 'no keys'}`,
    );
  }
  if (!CERTIFICATE_PEM.test(cert)) throw new InvalidCertificateAuthorityError(`${where}: the certificate is not PEM`);
  if (!PRIVATE_KEY_PEM.test(key)) throw new InvalidCertificateAuthorityError(`${where}: the private key is not PEM`);
  return { cert, key };
}

/**
 * The cluster CA from `<cluster>-ca`: a user-provided Secret is used as it is; otherwise a 10-year RSA CA (common
 * name 10.152.183.1, the MicroK8s service address, as CABPM) is generated and stored under all four keys.
 */
export async function ensureCertificateAuthority(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
): Promise<ClusterCertificateAuthority> {
  const name = clusterSecretName(cluster.metadata.name as string, ClusterSecretSuffix.certificateAuthority);
  const existing = await reader.get(builtin.secret, { namespace: cluster.metadata.namespace as string, name });
  if (existing) return readCertificateAuthority(existing);
  const ca = await createCertificateAuthority('10.152.183.1', { keyAlgorithm: 'rsa', validityDays: 3650 });
  const desired = sharedSecret(cluster, ClusterSecretSuffix.certificateAuthority, {
    [CaKey.cert]: ca.cert,
    [CaKey.key]: ca.key,
    [CaKey.tlsCert]: ca.cert,
    [CaKey.tlsKey]: ca.key,
  });
  const { secret } = await createSecretIfMissing(client, desired);
  return readCertificateAuthority(secret);
}
