import { type KubeObject, type Validator, validatingWebhook, type WebhookServer } from '@capi-ts/sdk';
import { GROUP } from '../api/common/names.js';
import { openStackClusterTemplateValidator } from './openstack-cluster-template-webhook.js';
import { openStackClusterValidator } from './openstack-cluster-webhook.js';
import { openStackMachineTemplateValidator } from './openstack-machine-template-webhook.js';
import { openStackMachineValidator } from './openstack-machine-webhook.js';
import { openStackServerValidator } from './openstack-server-webhook.js';

/** One validating webhook of the provider: what it checks and where it is served. */
export interface OpenStackWebhook {
  /** The webhook's name in the ValidatingWebhookConfiguration, as CAPO names it. */
  readonly name: string;
  /** Lower-case plural of the checked kind. */
  readonly resource: string;
  readonly version: string;
  /** Served path, as controller-runtime derives it and CAPO's manifests use it. */
  readonly path: string;
  // biome-ignore lint/suspicious/noExplicitAny: validators of different kinds share the list
  readonly validator: Validator<any>;
}

function webhook(kind: string, version: string, validator: OpenStackWebhook['validator']): OpenStackWebhook {
  const lower = kind.toLowerCase();
  return {
    name: `validation.${lower}.${GROUP}`,
    resource: `${lower}s`,
    version,
    path: `/validate-${GROUP.replaceAll('.', '-')}-${version}-${lower}`,
    validator,
  };
}

/** CAPO's five validating webhooks (OpenStackFloatingIPPool and OpenStackClusterIdentity have none). */
export const openStackWebhooks: readonly OpenStackWebhook[] = [
  webhook('OpenStackCluster', 'v1beta1', openStackClusterValidator),
  webhook('OpenStackClusterTemplate', 'v1beta1', openStackClusterTemplateValidator),
  webhook('OpenStackMachine', 'v1beta1', openStackMachineValidator),
  webhook('OpenStackMachineTemplate', 'v1beta1', openStackMachineTemplateValidator),
  webhook('OpenStackServer', 'v1alpha1', openStackServerValidator),
];

/** Serves every webhook of {@link openStackWebhooks} on `server`. */
export function registerOpenStackWebhooks(server: WebhookServer): void {
  for (const { path, validator } of openStackWebhooks) server.register(path, validatingWebhook(validator));
}

/** How the API server reaches the webhook server: the in-cluster Service, or a base URL (tests, out of cluster). */
export type WebhookEndpoint = { service: { namespace: string; name: string; port?: number } } | { baseUrl: string };

/**
 * The ValidatingWebhookConfiguration registering {@link openStackWebhooks} with the API server, named as CAPO's
 * (`capo-validating-webhook-configuration`). `caBundle` (base64 PEM) is usually injected by cert-manager instead.
 */
export function openStackValidatingWebhookConfiguration(endpoint: WebhookEndpoint, caBundle?: string): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'capo-validating-webhook-configuration' },
    webhooks: openStackWebhooks.map(({ name, resource, version, path }) => ({
      name,
      clientConfig: {
        ...('baseUrl' in endpoint ? { url: `${endpoint.baseUrl}${path}` } : { service: { ...endpoint.service, path } }),
        ...(caBundle ? { caBundle } : {}),
      },
      rules: [{ apiGroups: [GROUP], apiVersions: [version], operations: ['CREATE', 'UPDATE'], resources: [resource] }],
      admissionReviewVersions: ['v1'],
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      sideEffects: 'None',
    })),
  } as KubeObject;
}
