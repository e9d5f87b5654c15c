import { builtin, type InformerSource, informerReader, type KubeClient, type Secret } from '@capi-ts/sdk';
import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import type { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import { certificateAuthoritySecret, kubeconfigSecret } from './cluster-secrets.js';
import { isSatisfied } from './infrastructure-patch.js';
import type { TenantPlacement } from './tenant-placement.js';

/** Whether the Cluster API Secrets exist, or what they wait for. */
export type SecretsOutcome = { kind: 'ready' } | { kind: 'waiting'; message: string };

async function ensureSecret(
  client: KubeClient,
  desired: Secret,
  existing: Readonly<Secret> | undefined,
): Promise<void> {
  if (!existing) {
    await client.create(builtin.secret, desired);
    return;
  }
  const upToDate =
    existing.type === desired.type &&
    isSatisfied(existing.data ?? {}, desired.data) &&
    isSatisfied(existing.metadata.labels ?? {}, desired.metadata.labels ?? {}) &&
    existing.metadata.ownerReferences?.some((ref) => ref.uid === desired.metadata.ownerReferences?.[0]?.uid);
  if (upToDate) return;
  await client.update(builtin.secret, { ...desired, metadata: { ...existing.metadata, ...desired.metadata } });
}

/**
 * Copies Kamaji's admin kubeconfig into `<cluster>-kubeconfig` and its CA into `<cluster>-ca`, the Secrets Cluster
 * API and CABPK read, once Kamaji has published their names in the TenantControlPlane status. Kamaji's Secrets are
 * read where the TenantControlPlane is (`placement`, an external cluster possibly); the copies go next to the
 * KamajiControlPlane.
 */
export async function ensureClusterSecrets(
  client: KubeClient,
  cache: InformerSource,
  placement: Pick<TenantPlacement, 'cache' | 'namespace'>,
  kcp: KamajiControlPlane,
  clusterName: string,
  tcp: Readonly<TenantControlPlane>,
): Promise<SecretsOutcome> {
  const reader = informerReader(cache);
  const sources = informerReader(placement.cache);
  const namespace = kcp.metadata.namespace;
  const kubeconfigName = tcp.status?.kubeconfig?.admin?.secretName;
  const caName = tcp.status?.certificates?.ca?.secretName;
  if (!kubeconfigName || !caName) {
    return { kind: 'waiting', message: 'Kamaji has not published the admin kubeconfig and CA Secrets yet' };
  }
  const kubeconfigSource = await sources.get(builtin.secret, { namespace: placement.namespace, name: kubeconfigName });
  const caSource = await sources.get(builtin.secret, { namespace: placement.namespace, name: caName });
  if (!kubeconfigSource || !caSource) {
    return { kind: 'waiting', message: `waiting for Secrets ${kubeconfigName} and ${caName}` };
  }
  const kubeconfigKey = { namespace, name: `${clusterName}-kubeconfig` };
  const existingKubeconfig = await reader.get(builtin.secret, kubeconfigKey);
  await ensureSecret(
    client,
    kubeconfigSecret(kcp, clusterName, kubeconfigSource, existingKubeconfig),
    existingKubeconfig,
  );
  const existingCa = await reader.get(builtin.secret, { namespace, name: `${clusterName}-ca` });
  const ca = certificateAuthoritySecret(kcp, clusterName, caSource, existingCa);
  if (ca) await ensureSecret(client, ca, existingCa);
  return { kind: 'ready' };
}
