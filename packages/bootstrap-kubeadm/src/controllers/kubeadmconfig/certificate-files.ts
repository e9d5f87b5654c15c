import type { ClusterConfiguration } from '../../api/v1beta2/index.js';
import type { ResolvedFile } from '../../cloudinit/index.js';

/** The cluster certificates CABPK shares through Secrets named `<cluster>-<suffix>`. */
export type CertificatePurpose = 'ca' | 'etcd' | 'proxy' | 'sa' | 'apiserver-etcd-client';

/** A certificate (or, for `sa`, a public key) and its private key, as PEM from the Secret's `tls.crt`/`tls.key`. */
export interface CertificateMaterial {
  cert: string;
  key?: string;
}

/** Where kubeadm expects the certificates when the config does not say. */
export const DEFAULT_CERTIFICATES_DIR = '/etc/kubernetes/pki';

/** The Secret holding a cluster certificate. */
export function certificateSecretName(clusterName: string, purpose: CertificatePurpose): string {
  return `${clusterName}-${purpose}`;
}

interface Placement {
  purpose: CertificatePurpose;
  certFile: string;
  keyFile?: string;
}

/**
 * Where each certificate goes on a control-plane node, in the order CABPK writes them: cluster CA, etcd CA,
 * front-proxy CA, service-account key pair, then (external etcd only) the API server's etcd client certificate.
 * With external etcd, the etcd CA is the user's `caFile` (no key).
 */
export function controlPlaneCertificatePlacements(config: ClusterConfiguration | undefined): Placement[] {
  const dir = config?.certificatesDir ?? DEFAULT_CERTIFICATES_DIR;
  const external = config?.etcd?.external;
  return [
    { purpose: 'ca', certFile: `${dir}/ca.crt`, keyFile: `${dir}/ca.key` },
    external
      ? { purpose: 'etcd', certFile: external.caFile }
      : { purpose: 'etcd', certFile: `${dir}/etcd/ca.crt`, keyFile: `${dir}/etcd/ca.key` },
    { purpose: 'proxy', certFile: `${dir}/front-proxy-ca.crt`, keyFile: `${dir}/front-proxy-ca.key` },
    { purpose: 'sa', certFile: `${dir}/sa.pub`, keyFile: `${dir}/sa.key` },
    ...(external
      ? [{ purpose: 'apiserver-etcd-client' as const, certFile: external.certFile, keyFile: external.keyFile }]
      : []),
  ];
}

/**
 * The files writing `material` to a control-plane node: certificates `0640`, keys `0600`, owned by root; missing
 * material or empty PEM is skipped, as upstream does.
 */
export function controlPlaneCertificateFiles(
  config: ClusterConfiguration | undefined,
  material: Partial<Record<CertificatePurpose, CertificateMaterial>>,
): ResolvedFile[] {
  const files: ResolvedFile[] = [];
  for (const placement of controlPlaneCertificatePlacements(config)) {
    const pair = material[placement.purpose];
    if (!pair) continue;
    if (pair.cert)
      files.push({ path: placement.certFile, owner: 'root:root', permissions: '0640', content: pair.cert });
    if (pair.key && placement.keyFile) {
      files.push({ path: placement.keyFile, owner: 'root:root', permissions: '0600', content: pair.key });
    }
  }
  return files;
}
