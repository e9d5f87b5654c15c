import { readCertificateAuthority } from '@capi-ts/bootstrap-microk8s';
import {
  builtin,
  type Cluster,
  clusterSecretName,
  ensureKubeconfigSecret,
  type KubeClient,
  type ObjectReader,
  type OwnerReference,
  SecretPurpose,
} from '@capi-ts/sdk';

/** What {@link ensureKubeconfig} did. */
export type KubeconfigState = 'exists' | 'created' | 'waitingForCertificateAuthority';

/** CACPM's admin client certificate: `CN=admin, O=admin,system:masters`, valid 10 years. */
const CACPM_ADMIN = {
  subject: { commonName: 'admin', organizations: ['admin', 'system:masters'] },
  validityDays: 3650,
};

/**
 * Creates `<cluster>-kubeconfig` (type `cluster.x-k8s.io/secret`, cluster-name label, key `value`) unless it
 * exists, with CACPM's admin client certificate signed by `<cluster>-ca` (CABPM's `crt`/`key` or Cluster API's
 * `tls.*` keys). Waits while `<cluster>-ca` does not exist: the bootstrap provider creates it for the first machine.
 */
export async function ensureKubeconfig(
  client: KubeClient,
  reader: ObjectReader,
  cluster: Readonly<Cluster>,
  owner: OwnerReference,
): Promise<KubeconfigState> {
  const namespace = cluster.metadata.namespace as string;
  const name = cluster.metadata.name as string;
  if (await reader.get(builtin.secret, { namespace, name: clusterSecretName(name, SecretPurpose.kubeconfig) })) {
    return 'exists';
  }
  const caSecret = await reader.get(builtin.secret, {
    namespace,
    name: clusterSecretName(name, SecretPurpose.clusterCA),
  });
  if (!caSecret) return 'waitingForCertificateAuthority';
  const { created } = await ensureKubeconfigSecret(client, cluster, {
    ...CACPM_ADMIN,
    ca: readCertificateAuthority(caSecret),
    owner,
    reader,
  });
  return created ? 'created' : 'exists';
}
