import type { KubeObject } from '../client/object.js';
import type { AdmissionWebhookSpec } from './components-spec.js';
import type { ResolvedComponents } from './resolved-components.js';
import { injectCaFrom, serviceReference } from './webhook-references.js';

/**
 * The webhook Service, the cert-manager self-signed Issuer and serving Certificate, and the Mutating/Validating
 * WebhookConfigurations (each only when it has webhooks), as in the Cluster API providers' kustomize layout. Empty
 * when the manager serves no webhook.
 */
export function buildWebhookObjects(components: ResolvedComponents): KubeObject[] {
  if (!components.webhooksEnabled) return [];
  const { names } = components;
  const namespace = names.namespace;
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: names.webhookService, namespace },
      spec: { ports: [{ port: 443, targetPort: 'webhook-server' }], selector: { ...components.podSelector } },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: names.issuer, namespace },
      spec: { selfSigned: {} },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: names.certificate, namespace },
      spec: {
        dnsNames: [
          `${names.webhookService}.${namespace}.svc`,
          `${names.webhookService}.${namespace}.svc.cluster.local`,
        ],
        issuerRef: { kind: 'Issuer', name: names.issuer },
        secretName: names.certificateSecret,
      },
    },
  ];
  if (components.mutating.length > 0) {
    objects.push(webhookConfiguration(components, 'MutatingWebhookConfiguration', components.mutating));
  }
  if (components.validating.length > 0) {
    objects.push(webhookConfiguration(components, 'ValidatingWebhookConfiguration', components.validating));
  }
  return objects;
}

function webhookConfiguration(
  components: ResolvedComponents,
  kind: 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration',
  webhooks: readonly AdmissionWebhookSpec[],
): KubeObject {
  const name =
    kind === 'MutatingWebhookConfiguration'
      ? components.names.mutatingWebhookConfiguration
      : components.names.validatingWebhookConfiguration;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name, annotations: injectCaFrom(components) },
    webhooks: webhooks.map((webhook) => ({
      name: webhook.name,
      admissionReviewVersions: ['v1'],
      clientConfig: { service: serviceReference(components, webhook.path) },
      failurePolicy: webhook.failurePolicy ?? 'Fail',
      matchPolicy: webhook.matchPolicy ?? 'Equivalent',
      sideEffects: webhook.sideEffects ?? 'None',
      rules: structuredClone([...webhook.rules]),
      ...(webhook.timeoutSeconds !== undefined ? { timeoutSeconds: webhook.timeoutSeconds } : {}),
      ...(webhook.namespaceSelector ? { namespaceSelector: structuredClone(webhook.namespaceSelector) } : {}),
      ...(webhook.objectSelector ? { objectSelector: structuredClone(webhook.objectSelector) } : {}),
    })),
  };
}
