import type { KubeObject } from '../client/object.js';
import type { ComponentsSpec } from './components-spec.js';
import { prepareCrd } from './crd-objects.js';
import { parseTemplate } from './envsubst/parser.js';
import { buildManagerDeployment } from './manager-deployment.js';
import { PROVIDER_LABEL } from './provider.js';
import { buildRbacObjects } from './rbac-objects.js';
import { renderYamlDocuments } from './render-yaml.js';
import { resolveComponents } from './resolved-components.js';
import { buildWebhookObjects } from './webhook-objects.js';

/**
 * Builds the objects of a provider's `<type>-components.yaml`, in the order they can be applied: the Namespace, the
 * CRDs, the ServiceAccount and RBAC, the manager Deployment, then (when the manager serves webhooks) the webhook
 * Service, the cert-manager Issuer and Certificate and the WebhookConfigurations. Every object carries
 * `cluster.x-k8s.io/provider: <manifest label>`; every namespaced object is in the provider namespace. The output
 * depends only on the spec. Throws an Error naming the field when the spec is invalid.
 */
export function buildComponents(spec: ComponentsSpec): KubeObject[] {
  const components = resolveComponents(spec);
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: components.names.namespace } },
    ...components.crds.map((crd) => prepareCrd(components, crd)),
    ...buildRbacObjects(components),
    buildManagerDeployment(components),
    ...buildWebhookObjects(components),
  ];
  return objects.map((object) => withProviderLabel(object, components.providerLabel));
}

/**
 * Renders components as the multi-document YAML clusterctl reads. Throws `BadSubstitutionError` when a string holds a
 * `${` that clusterctl could not substitute, so the error shows up at build time rather than at `clusterctl init`.
 */
export function renderComponentsYaml(objects: readonly KubeObject[]): string {
  const text = renderYamlDocuments(objects);
  parseTemplate(text);
  return text;
}

/** Adds the provider label; name, namespace and labels come first in `metadata` so that the YAML reads naturally. */
function withProviderLabel(object: KubeObject, providerLabel: string): KubeObject {
  const { name, namespace, labels, ...rest } = object.metadata;
  return {
    ...object,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      labels: { ...labels, [PROVIDER_LABEL]: providerLabel },
      ...rest,
    },
  };
}
