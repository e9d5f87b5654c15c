import { readCertificateAuthority } from '@capi-ts/bootstrap-microk8s';
import {
  apiServerUrl,
  builtin,
  type Cluster,
  clusterSecretName,
  createSecretIfMissing,
  issueCertificate,
  type KubeClient,
  kubeconfigSecret,
  type ObjectReader,
  type OwnerReference,
  renderKubeconfig,
  SecretPurpose,
} from '@capi-ts/sdk';

/** What {@link ensureKubeconfig} did. */
export type KubeconfigState = 'exists' | 'created' | 'waitingForCertificateAuthority';

/**
 * Creates `<cluster>-kubeconfig` (type `cluster.x-k8s.io/secret`, cluster-name label, key `value`) unless it
 * exists, with a client certificate `CN=admin, O=admin,system:masters` valid 10 years (as CACPM), signed by
 * `<cluster>-ca` (CABPM's `crt`/`key` or Cluster API's `tls.*` keys). Waits while `<cluster>-ca` does not exist:
 * the bootstrap provider creates it for the first machine.
 */
export async function ensureKubeconfig(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
  owner: OwnerReference,
): Promise<KubeconfigState> {
  const namespace = cluster.metadata.namespace as string;
  const name = cluster.metadata.name as string;
  const kubeconfigName = clusterSecretName(name, SecretPurpose.kubeconfig);
  if (await reader.get(builtin.secret, { namespace, name: kubeconfigName })) return 'exists';
  const caSecret = await reader.get(builtin.secret, {
    namespace,
    name: clusterSecretName(name, SecretPurpose.clusterCA),
  });
  if (!caSecret) return 'waitingForCertificateAuthority';
  const ca = readCertificateAuthority(caSecret);
  const adminCertificate = await issueCertificate(ca, {
    commonName: 'admin',
    organizations: ['admin', 'system:masters'],
    usages: ['client'],
    validityDays: 3650,
  });
  const kubeconfig = renderKubeconfig({
    clusterName: name,
    server: apiServerUrl(cluster.spec.controlPlaneEndpoint ?? {}),
    caCert: ca.cert,
    clientCert: adminCertificate.cert,
    clientKey: adminCertificate.key,
  });
  await createSecretIfMissing(client, kubeconfigSecret({ namespace, name }, kubeconfig, owner));
  return 'created';
}
