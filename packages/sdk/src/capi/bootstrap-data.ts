import { builtin, type Secret } from '../client/builtin.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import {
  createSecretIfMissing,
  type EnsuredSecret,
  encodeSecretValue,
  SecretDataKey,
  secretValue,
} from './cluster-secrets.js';
import { CapiLabel, CLUSTER_SECRET_TYPE } from './constants.js';
import type { ObjectReader } from './object-reader.js';
import { ownerReferenceTo } from './owner-references.js';
import type { Machine } from './types.js';

/** The formats of bootstrap data: cloud-init user data or an Ignition config. */
export type BootstrapDataFormat = 'cloud-config' | 'ignition';

/** Bootstrap data read from a Machine's data Secret. */
export interface BootstrapData {
  /** The data as stored under the `value` key. */
  value: Buffer;
  /** The `format` key, when the bootstrap provider wrote one (kubeadm always does). */
  format?: string;
  /** The Secret it was read from. */
  secretName: string;
}

/**
 * The bootstrap data of `machine`, from the Secret named by `spec.bootstrap.dataSecretName` in its namespace.
 * `undefined` while the name is not set (the bootstrap provider is not done yet); throws when the named Secret
 * does not exist or has no `value` key.
 */
export async function readBootstrapData(
  reader: ObjectReader,
  machine: Readonly<Machine>,
): Promise<BootstrapData | undefined> {
  const secretName = machine.spec.bootstrap.dataSecretName;
  const namespace = machine.metadata.namespace;
  if (!secretName || !namespace) return undefined;
  const secret = await reader.get(builtin.secret, { namespace, name: secretName });
  if (!secret) throw new Error(`bootstrap data Secret ${namespace}/${secretName} does not exist`);
  const value = secretValue(secret, SecretDataKey.value);
  if (value === undefined) {
    throw new Error(`bootstrap data Secret ${namespace}/${secretName} has no "${SecretDataKey.value}" key`);
  }
  const format = secretValue(secret, SecretDataKey.format)?.toString('utf8');
  return { value, secretName, ...(format !== undefined ? { format } : {}) };
}

/** What a bootstrap data Secret is built from. */
export interface BootstrapDataSecretInput {
  /** The bootstrap config (read from the API server: it needs its UID). */
  config: Readonly<KubeObject>;
  /** The config's type, for configs read without `apiVersion`/`kind`. */
  configType?: ResourceType;
  /** The Cluster the config belongs to. */
  clusterName: string;
  value: string | Uint8Array;
  /** `cloud-config` by default. */
  format?: BootstrapDataFormat;
}

/**
 * The bootstrap data Secret the bootstrap-config contract requires: named like the config (a deterministic name,
 * so `clusterctl move` works), in its namespace, the cluster-name label, a controller reference to the config
 * (without `blockOwnerDeletion`, as the kubeadm provider writes it),
 * type `cluster.x-k8s.io/secret`, data `value` and `format`.
 */
export function bootstrapDataSecret(input: BootstrapDataSecretInput): Secret {
  const { namespace, name } = input.config.metadata;
  if (!namespace || !name) throw new Error('bootstrap data Secret: the config needs a namespace and a name');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      namespace,
      name,
      labels: { [CapiLabel.clusterName]: input.clusterName },
      ownerReferences: [ownerReferenceTo(input.config, { type: input.configType, controller: true })],
    },
    type: CLUSTER_SECRET_TYPE,
    data: {
      [SecretDataKey.value]: encodeSecretValue(input.value),
      [SecretDataKey.format]: encodeSecretValue(input.format ?? 'cloud-config'),
    },
  };
}

/**
 * Creates the bootstrap data Secret unless one of that name exists; an existing Secret is returned untouched.
 * Set `status.dataSecretName` to `secret.metadata.name` and `status.initialization.dataSecretCreated` afterwards.
 */
export async function ensureBootstrapDataSecret(
  client: KubeClient,
  input: BootstrapDataSecretInput,
  reader?: ObjectReader,
): Promise<EnsuredSecret> {
  return await createSecretIfMissing(client, bootstrapDataSecret(input), reader);
}
