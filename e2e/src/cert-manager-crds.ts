import type { KubeObject } from '@capi-ts/sdk';

/** The cert-manager version clusterctl v1.14 would install (`CertManagerDefaultVersion`). */
export const CERT_MANAGER_VERSION = 'v1.21.1';

const KINDS = [
  { kind: 'Certificate', plural: 'certificates', scope: 'Namespaced' },
  { kind: 'CertificateRequest', plural: 'certificaterequests', scope: 'Namespaced' },
  { kind: 'Issuer', plural: 'issuers', scope: 'Namespaced' },
  { kind: 'ClusterIssuer', plural: 'clusterissuers', scope: 'Cluster' },
] as const;

/**
 * Stand-ins for cert-manager's `cert-manager.io/v1` CRDs, without its controllers (which need a kubelet to run).
 * With them installed, the components' Issuer and Certificate objects apply, and `clusterctl init` finds cert-manager
 * "already installed": its check only creates and deletes a test Issuer and Certificate. No certificate is ever
 * issued, so the harness serves the webhooks itself (see webhook-redirect.ts). Labelled as cert-manager labels its
 * CRDs, without clusterctl's label, so clusterctl treats it as externally managed.
 */
export function certManagerCrds(): KubeObject[] {
  return KINDS.map(({ kind, plural, scope }) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.cert-manager.io`,
      labels: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/instance': 'cert-manager' },
    },
    spec: {
      group: 'cert-manager.io',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  }));
}
