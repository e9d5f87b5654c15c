import { gzipSync } from 'node:zlib';
import {
  bootstrapDataSecret,
  builtin,
  controllerReferenceOf,
  isAlreadyExists,
  type KubeClient,
  type ObjectReader,
  ownerReferenceTo,
  type Secret,
} from '@capi-ts/sdk';
import { KubeadmConfig } from '../../api/v1beta2/index.js';
import type { BootstrapData } from './bootstrap-data.js';

/** The data Secret is controlled by another object; the config will not take it over. */
export class ForeignDataSecretError extends Error {
  override readonly name = 'ForeignDataSecretError';
}

/**
 * The bytes stored under `value`: the document as is, or gzip-compressed when asked and the format allows it.
 * cloud-init detects gzip user data by its magic bytes and decompresses it; Ignition configs are left as they are
 * (not every platform's Ignition accepts a compressed config).
 */
export function encodeBootstrapValue(data: BootstrapData, gzip: boolean): Buffer {
  const bytes = Buffer.from(data.value, 'utf8');
  return gzip && data.format === 'cloud-config' ? gzipSync(bytes, { level: 9 }) : bytes;
}

function sameData(a: Readonly<Secret>, b: Readonly<Secret>): boolean {
  const keys = new Set([...Object.keys(a.data ?? {}), ...Object.keys(b.data ?? {})]);
  return [...keys].every((k) => a.data?.[k] === b.data?.[k]);
}

/**
 * Writes the data Secret as CABPK's `storeBootstrapData` does: created, or its data replaced when it already
 * exists with other data (token rotation, a re-rendered template); nothing is written when it is up to date.
 */
export async function storeDataSecret(
  client: KubeClient,
  reader: ObjectReader,
  config: Readonly<KubeadmConfig>,
  clusterName: string,
  value: Buffer,
  format: BootstrapData['format'],
): Promise<Readonly<Secret>> {
  const desired = bootstrapDataSecret({ config, configType: KubeadmConfig, clusterName, value, format });
  const key = { namespace: desired.metadata.namespace as string, name: desired.metadata.name as string };
  let existing = await reader.get(builtin.secret, key);
  if (!existing) {
    try {
      return await client.create(builtin.secret, desired);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      existing = await client.get(builtin.secret, key);
    }
  }
  if (sameData(existing, desired)) return existing;
  return await client.update(builtin.secret, { ...existing, data: desired.data });
}

/**
 * CABPK's `ensureBootstrapSecretOwnersRef`: an existing data Secret without a controller gets the config as its
 * controller; one controlled by something else is refused with {@link ForeignDataSecretError}.
 */
export async function adoptDataSecret(
  client: KubeClient,
  reader: ObjectReader,
  config: Readonly<KubeadmConfig>,
): Promise<void> {
  const key = { namespace: config.metadata.namespace as string, name: config.metadata.name as string };
  const secret = await reader.get(builtin.secret, key);
  if (!secret) return;
  const controller = controllerReferenceOf(secret);
  if (controller) {
    if (controller.kind === KubeadmConfig.kind && controller.uid === config.metadata.uid) return;
    if (controller.kind === KubeadmConfig.kind && controller.name === config.metadata.name) return;
    throw new ForeignDataSecretError(
      `Secret ${key.namespace}/${key.name} is controlled by ${controller.kind} ${controller.name}, not by this KubeadmConfig`,
    );
  }
  const ref = ownerReferenceTo(config, { type: KubeadmConfig, controller: true });
  await client.mergePatch(builtin.secret, key, {
    metadata: { ownerReferences: [...(secret.metadata.ownerReferences ?? []), ref] },
  });
}
