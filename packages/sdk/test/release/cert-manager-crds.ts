import type { KubeObject } from '../../src/client/index.js';

const string = { type: 'string' };

function crd(kind: string, plural: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.cert-manager.io` },
    spec: {
      group: 'cert-manager.io',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec } } },
        },
      ],
    },
  };
}

/**
 * The part of cert-manager's v1 Issuer and Certificate schemas that Cluster API components use (cert-manager itself is
 * not installed in the test environment). Applied with strict field validation, they reject fields cert-manager does
 * not know and objects that lack a required field.
 */
export const certManagerCrds: KubeObject[] = [
  crd('Issuer', 'issuers', {
    type: 'object',
    properties: {
      selfSigned: { type: 'object', properties: { crlDistributionPoints: { type: 'array', items: string } } },
      ca: { type: 'object', required: ['secretName'], properties: { secretName: string } },
    },
  }),
  crd('Certificate', 'certificates', {
    type: 'object',
    required: ['issuerRef', 'secretName'],
    properties: {
      commonName: string,
      dnsNames: { type: 'array', items: string },
      duration: string,
      renewBefore: string,
      secretName: string,
      issuerRef: {
        type: 'object',
        required: ['name'],
        properties: { name: string, kind: string, group: string },
      },
      subject: { type: 'object', properties: { organizations: { type: 'array', items: string } } },
    },
  }),
];
