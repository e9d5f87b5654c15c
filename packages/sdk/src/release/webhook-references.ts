import { INJECT_CA_FROM_ANNOTATION, type ResolvedComponents } from './resolved-components.js';

/** `clientConfig.service` of a webhook served by the manager at `path`, through the webhook Service. */
export function serviceReference({ names }: ResolvedComponents, path: string): Record<string, unknown> {
  return { name: names.webhookService, namespace: names.namespace, path, port: 443 };
}

/** The annotation with which cert-manager's CA injector fills `caBundle` from the serving Certificate. */
export function injectCaFrom({ names }: ResolvedComponents): Record<string, string> {
  return { [INJECT_CA_FROM_ANNOTATION]: `${names.namespace}/${names.certificate}` };
}
