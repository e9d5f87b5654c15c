import type { KubeObject } from '../client/object.js';
import type { ComponentsCrd } from './kubernetes-types.js';
import type { ResolvedComponents } from './resolved-components.js';
import { injectCaFrom, serviceReference } from './webhook-references.js';

/**
 * A copy of the CRD ready for the components YAML: only `metadata.name`, `labels`, `annotations` and `spec` are kept
 * (no server-set fields, no `status`), and, for a CRD served by the conversion webhook, `spec.conversion` points at the
 * webhook Service and the annotation with which cert-manager injects the CA bundle is added.
 */
export function prepareCrd(components: ResolvedComponents, crd: ComponentsCrd): KubeObject {
  const { name, labels, annotations } = structuredClone(crd.metadata);
  const spec: Record<string, unknown> = structuredClone(crd.spec);
  const converted = components.convertedCrds.has(name ?? '');
  if (converted) {
    spec.conversion = {
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: serviceReference(components, components.conversionPath) },
        conversionReviewVersions: ['v1'],
      },
    };
  }
  const allAnnotations = converted ? { ...annotations, ...injectCaFrom(components) } : annotations;
  return {
    apiVersion: crd.apiVersion,
    kind: crd.kind,
    metadata: { name, ...(labels ? { labels } : {}), ...(allAnnotations ? { annotations: allAnnotations } : {}) },
    spec,
  };
}
