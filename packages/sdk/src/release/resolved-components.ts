import { type ComponentNames, componentNames } from './component-names.js';
import type { AdmissionWebhookSpec, ComponentsSpec } from './components-spec.js';
import type { ComponentsCrd } from './kubernetes-types.js';
import { manifestLabel, PROVIDER_LABEL, validateProvider } from './provider.js';
import { selectConvertedCrds, validateCrd, validateEnv, validateRules, validateWebhooks } from './validate-spec.js';

/** A {@link ComponentsSpec} with its defaults filled in and checked; what the object builders read. */
export interface ResolvedComponents {
  readonly spec: ComponentsSpec;
  readonly names: ComponentNames;
  /** `cluster.x-k8s.io/provider` value, e.g. `infrastructure-incus`. */
  readonly providerLabel: string;
  /** Labels that select the manager pods (Deployment selector, webhook Service selector). */
  readonly podSelector: Readonly<Record<string, string>>;
  readonly crds: readonly ComponentsCrd[];
  /** Names of the CRDs served by the conversion webhook. */
  readonly convertedCrds: ReadonlySet<string>;
  readonly validating: readonly AdmissionWebhookSpec[];
  readonly mutating: readonly AdmissionWebhookSpec[];
  /** True when the manager serves any webhook, so the Service, certificate and cert volume are needed. */
  readonly webhooksEnabled: boolean;
  readonly webhookPort: number;
  readonly conversionPath: string;
  readonly metricsPort: number;
  readonly healthPort: number;
}

/** The directory cert-manager's serving certificate is mounted at, controller-runtime's default. */
export const WEBHOOK_CERT_DIR = '/tmp/k8s-webhook-server/serving-certs';

/** The annotation cert-manager's CA injector reads to fill `caBundle` fields. */
export const INJECT_CA_FROM_ANNOTATION = 'cert-manager.io/inject-ca-from';

/** Checks a spec and fills in the defaults; throws an Error that names the offending field. */
export function resolveComponents(spec: ComponentsSpec): ResolvedComponents {
  validateProvider(spec.provider);
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(spec.namePrefix) || spec.namePrefix.length > 40) {
    throw new Error(`namePrefix ${JSON.stringify(spec.namePrefix)} must be a DNS label of at most 40 characters`);
  }
  const names = componentNames(spec.namePrefix, spec.namespace ?? `${spec.namePrefix}-system`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(names.namespace) || names.namespace.length > 63) {
    throw new Error(`namespace ${JSON.stringify(names.namespace)} must be a DNS label`);
  }
  if (spec.image.trim() === '') throw new Error('image must not be empty');
  validateRules('rbac.clusterRules', spec.rbac.clusterRules, true);
  validateRules('rbac.namespaceRules', spec.rbac.namespaceRules ?? [], false);
  validateEnv(spec.manager?.env ?? []);

  const crds = spec.crds ?? [];
  crds.forEach(validateCrd);
  const convertedCrds = selectConvertedCrds(spec, crds);
  const validating = spec.webhooks?.validating ?? [];
  const mutating = spec.webhooks?.mutating ?? [];
  validateWebhooks('webhooks.validating', validating);
  validateWebhooks('webhooks.mutating', mutating);
  const conversionPath = spec.webhooks?.conversion?.path ?? '/convert';
  if (!conversionPath.startsWith('/')) throw new Error('webhooks.conversion.path must start with "/"');

  const providerLabel = manifestLabel(spec.provider);
  const ports = {
    webhookPort: spec.webhooks?.port ?? 9443,
    metricsPort: spec.manager?.metricsPort ?? 8443,
    healthPort: spec.manager?.healthPort ?? 9440,
  };
  for (const [field, port] of Object.entries(ports)) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${field} ${port} is not a port number`);
  }
  if (new Set(Object.values(ports)).size !== 3) throw new Error('webhook, metrics and health ports must differ');

  return {
    spec,
    names,
    providerLabel,
    podSelector: { [PROVIDER_LABEL]: providerLabel, 'control-plane': 'controller-manager' },
    crds,
    convertedCrds,
    validating,
    mutating,
    webhooksEnabled: validating.length + mutating.length + convertedCrds.size > 0,
    conversionPath,
    ...ports,
  };
}
