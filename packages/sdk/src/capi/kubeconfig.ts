import { stringify } from 'yaml';
import { builtin, type Secret } from '../client/builtin.js';
import type { KubeClient } from '../client/kube-client.js';
import type { OwnerReference } from '../client/object.js';
import { issueCertificate, type KeyAlgorithm, type KeyPair } from '../pki/certificates.js';
import { type ClusterKey, certificateAuthorityFromSecret } from './certificate-authority.js';
import {
  clusterSecretName,
  createSecretIfMissing,
  type EnsuredSecret,
  encodeSecretValue,
  SecretDataKey,
  SecretPurpose,
  secretValue,
} from './cluster-secrets.js';
import { CapiLabel, CLUSTER_SECRET_TYPE } from './constants.js';
import { clientReader, type ObjectReader } from './object-reader.js';
import { ownerReferenceTo } from './owner-references.js';
import { capiTypes } from './resources.js';
import type { ApiEndpoint, Cluster } from './types.js';

/** What a cluster admin kubeconfig is made of. */
export interface KubeconfigParts {
  clusterName: string;
  /** The API server URL, e.g. `https://10.0.0.1:6443`. */
  server: string;
  /** PEM certificate of the CA that signed the API server's serving certificate. */
  caCert: string;
  /** PEM client certificate and key. */
  clientCert: string;
  clientKey: string;
}

/**
 * Renders a kubeconfig the way Cluster API's `util/kubeconfig` does: cluster `<cluster>`, user `<cluster>-admin`,
 * context and current context `<cluster>-admin@<cluster>`, certificates embedded as base64 data.
 */
export function renderKubeconfig(parts: KubeconfigParts): string {
  const user = `${parts.clusterName}-admin`;
  const context = `${user}@${parts.clusterName}`;
  return stringify({
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': encodeSecretValue(parts.caCert), server: parts.server },
        name: parts.clusterName,
      },
    ],
    contexts: [{ context: { cluster: parts.clusterName, user }, name: context }],
    'current-context': context,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: user,
        user: {
          'client-certificate-data': encodeSecretValue(parts.clientCert),
          'client-key-data': encodeSecretValue(parts.clientKey),
        },
      },
    ],
  });
}

/** `https://<host>:<port>` for an API endpoint; IPv6 hosts are bracketed. Throws when host or port is missing. */
export function apiServerUrl(endpoint: Readonly<ApiEndpoint>): string {
  if (!endpoint.host || !endpoint.port) throw new Error('the control plane endpoint has no host or port yet');
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `https://${host}:${endpoint.port}`;
}

/** Options for the client certificate of a generated kubeconfig. */
export interface KubeconfigCertificateOptions {
  /** Key algorithm of the client key; RSA by default, as Cluster API. Independent of the CA's algorithm. */
  keyAlgorithm?: KeyAlgorithm;
  /** Validity of the client certificate in days; 365 by default, as Cluster API. */
  validityDays?: number;
  /**
   * Subject of the client certificate; `CN=kubernetes-admin, O=system:masters` by default, as Cluster API. (CACPM,
   * for example, issues `CN=admin, O=admin,system:masters`.)
   */
  subject?: { commonName: string; organizations?: string[] };
}

/**
 * Generates an admin kubeconfig for `clusterName`: a client certificate (by default `CN=kubernetes-admin,
 * O=system:masters`) signed by `ca` (RSA or ECDSA) and rendered with {@link renderKubeconfig}.
 */
export async function generateKubeconfig(
  clusterName: string,
  server: string,
  ca: KeyPair,
  options: KubeconfigCertificateOptions = {},
): Promise<string> {
  const client = await issueCertificate(ca, {
    commonName: options.subject?.commonName ?? 'kubernetes-admin',
    organizations: options.subject?.organizations ?? ['system:masters'],
    usages: ['client'],
    keyAlgorithm: options.keyAlgorithm ?? 'rsa',
    validityDays: options.validityDays ?? 365,
  });
  return renderKubeconfig({ clusterName, server, caCert: ca.cert, clientCert: client.cert, clientKey: client.key });
}

/**
 * The `<cluster>-kubeconfig` Secret the control-plane contract requires: in the Cluster's namespace, type
 * `cluster.x-k8s.io/secret`, the cluster-name label, the kubeconfig under `value`, and one owner reference.
 */
export function kubeconfigSecret(cluster: ClusterKey, kubeconfig: string, owner: OwnerReference): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      namespace: cluster.namespace,
      name: clusterSecretName(cluster.name, SecretPurpose.kubeconfig),
      labels: { [CapiLabel.clusterName]: cluster.name },
      ownerReferences: [owner],
    },
    type: CLUSTER_SECRET_TYPE,
    data: { [SecretDataKey.value]: encodeSecretValue(kubeconfig) },
  };
}

/** The kubeconfig held by a kubeconfig Secret; throws when the `value` key is missing. */
export function kubeconfigFromSecret(secret: Readonly<Secret>): string {
  const value = secretValue(secret, SecretDataKey.value);
  if (value === undefined) {
    throw new Error(`Secret ${secret.metadata.namespace}/${secret.metadata.name} has no "${SecretDataKey.value}" key`);
  }
  return value.toString('utf8');
}

/** The kubeconfig of a Cluster from its `<cluster>-kubeconfig` Secret; `undefined` when the Secret does not exist. */
export async function readKubeconfig(reader: ObjectReader, cluster: ClusterKey): Promise<string | undefined> {
  const secret = await reader.get(builtin.secret, {
    namespace: cluster.namespace,
    name: clusterSecretName(cluster.name, SecretPurpose.kubeconfig),
  });
  return secret ? kubeconfigFromSecret(secret) : undefined;
}

/** Options of {@link ensureKubeconfigSecret}. */
export interface EnsureKubeconfigOptions extends KubeconfigCertificateOptions {
  /** The API endpoint; `cluster.spec.controlPlaneEndpoint` by default. */
  endpoint?: ApiEndpoint;
  /** The CA that signs the client certificate; read from the `<cluster>-ca` Secret by default. */
  ca?: KeyPair;
  /** The Secret's owner; a (non-controller) reference to the Cluster by default, as Cluster API. */
  owner?: OwnerReference;
  /** Where to look before creating (typically the cache); the API server answers when omitted. */
  reader?: ObjectReader;
}

/**
 * Creates the `<cluster>-kubeconfig` Secret unless it exists. An existing Secret (generated earlier or written by
 * the user) is returned untouched and nothing is generated.
 */
export async function ensureKubeconfigSecret(
  client: KubeClient,
  cluster: Readonly<Cluster>,
  options: EnsureKubeconfigOptions = {},
): Promise<EnsuredSecret> {
  const { name, namespace } = cluster.metadata;
  if (!name || !namespace) throw new Error('ensureKubeconfigSecret: the Cluster needs a namespace and a name');
  const key = { namespace, name };
  const reader = options.reader ?? clientReader(client);
  const existing = await reader.get(builtin.secret, {
    namespace,
    name: clusterSecretName(name, SecretPurpose.kubeconfig),
  });
  if (existing) return { secret: existing, created: false };

  const ca = options.ca ?? (await readClusterCA(reader, key));
  const server = apiServerUrl(options.endpoint ?? cluster.spec.controlPlaneEndpoint ?? {});
  const kubeconfig = await generateKubeconfig(name, server, ca, options);
  const owner = options.owner ?? ownerReferenceTo(cluster, { type: capiTypes.cluster });
  return await createSecretIfMissing(client, kubeconfigSecret(key, kubeconfig, owner));
}

async function readClusterCA(reader: ObjectReader, cluster: ClusterKey): Promise<KeyPair> {
  const secretName = clusterSecretName(cluster.name, SecretPurpose.clusterCA);
  const secret = await reader.get(builtin.secret, { namespace: cluster.namespace, name: secretName });
  if (!secret) throw new Error(`the cluster CA Secret ${cluster.namespace}/${secretName} does not exist yet`);
  const ca = certificateAuthorityFromSecret(secret);
  if (!ca.key)
    throw new Error(`the cluster CA Secret ${cluster.namespace}/${secretName} has no ${SecretDataKey.tlsKey}`);
  return { cert: ca.cert, key: ca.key };
}
