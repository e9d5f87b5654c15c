import { CapiLabel, CLUSTER_SECRET_TYPE, type OwnerReference, type Secret } from '@capi-ts/sdk';
import { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { KUBECONFIG_SECRET_KEY_ANNOTATION } from './tenant-control-plane-spec.js';

/** Kamaji's key of the admin kubeconfig reached through the tenant's external address. */
const ADMIN_KUBECONFIG_KEY = 'admin.conf';
/** Kamaji's key of the admin kubeconfig reached through the in-cluster Service. */
const ADMIN_KUBECONFIG_SERVICE_KEY = 'admin.svc';

/** Kamaji's Secret lacks the key to copy; reported on `KubeadmResourcesCreated`. */
export class MissingSecretDataError extends Error {
  override readonly name = 'MissingSecretDataError';
}

function labelsFor(clusterName: string, tcpName: string, purpose: 'kubeconfig' | 'ca'): Record<string, string> {
  return {
    [CapiLabel.clusterName]: clusterName,
    'kamaji.clastix.io/component': 'capi',
    'kamaji.clastix.io/secret': purpose,
    'kamaji.clastix.io/cluster': clusterName,
    'kamaji.clastix.io/tcp': tcpName,
  };
}

/** The controller owner reference a KamajiControlPlane puts on what it creates. */
export function controllerReference(kcp: KamajiControlPlane): OwnerReference {
  return {
    apiVersion: KamajiControlPlane.apiVersion,
    kind: 'KamajiControlPlane',
    name: kcp.metadata.name ?? '',
    uid: kcp.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The key of Kamaji's admin kubeconfig Secret to copy: the KCP's `kamaji.clastix.io/kubeconfig-secret-key`
 * annotation, else `admin.svc` when the API server advertises an address of its own, else `admin.conf`.
 */
export function kubeconfigSourceKey(kcp: KamajiControlPlane): string {
  const annotated = kcp.metadata.annotations?.[KUBECONFIG_SECRET_KEY_ANNOTATION];
  if (annotated) return annotated;
  return kcp.spec.network.advertiseAddress ? ADMIN_KUBECONFIG_SERVICE_KEY : ADMIN_KUBECONFIG_KEY;
}

/**
 * `<cluster>-kubeconfig` (type `cluster.x-k8s.io/secret`, key `value`) from Kamaji's admin kubeconfig Secret,
 * keeping the labels it already has and owned by the KamajiControlPlane.
 */
export function kubeconfigSecret(
  kcp: KamajiControlPlane,
  clusterName: string,
  source: Readonly<Secret>,
  existing: Readonly<Secret> | undefined,
): Secret {
  const key = kubeconfigSourceKey(kcp);
  const value = source.data?.[key];
  if (!value) throw new MissingSecretDataError(`Secret ${source.metadata.name} has no key ${key}`);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `${clusterName}-kubeconfig`,
      namespace: kcp.metadata.namespace,
      labels: {
        ...(existing?.metadata.labels ?? {}),
        ...labelsFor(clusterName, kcp.metadata.name ?? '', 'kubeconfig'),
      },
      ownerReferences: [controllerReference(kcp)],
    },
    type: CLUSTER_SECRET_TYPE,
    data: { value },
  };
}

/**
 * `<cluster>-ca` (type `cluster.x-k8s.io/secret`, keys `tls.crt`/`tls.key`) from Kamaji's `<tcp>-ca` Secret, with
 * the source's labels plus ours, owned by the KamajiControlPlane. `undefined` when `<cluster>-ca` is Kamaji's own
 * CA Secret (the cluster and the TenantControlPlane share a name), which must be left alone.
 */
export function certificateAuthoritySecret(
  kcp: KamajiControlPlane,
  clusterName: string,
  source: Readonly<Secret>,
  existing: Readonly<Secret> | undefined,
): Secret | undefined {
  if (existing?.metadata.ownerReferences?.[0]?.kind === 'TenantControlPlane') return undefined;
  const crt = source.data?.['ca.crt'];
  const key = source.data?.['ca.key'];
  if (!crt || !key) throw new MissingSecretDataError(`Secret ${source.metadata.name} has no ca.crt and ca.key`);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `${clusterName}-ca`,
      namespace: kcp.metadata.namespace,
      labels: {
        ...(existing?.metadata.labels ?? {}),
        ...(source.metadata.labels ?? {}),
        ...labelsFor(clusterName, kcp.metadata.name ?? '', 'ca'),
      },
      ownerReferences: [controllerReference(kcp)],
    },
    type: CLUSTER_SECRET_TYPE,
    data: { 'tls.crt': crt, 'tls.key': key },
  };
}
