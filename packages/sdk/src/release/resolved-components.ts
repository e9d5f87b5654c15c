import type { AdmissionWebhookSpec, ComponentsSpec } from './components-spec.js';
import type { ComponentsCrd, EnvVar, PolicyRule } from './kubernetes-types.js';
import { manifestLabel, PROVIDER_LABEL, validateProvider } from './provider.js';

/** The names of the objects of a provider's components. */
export interface ComponentNames {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly leaderElectionRole: string;
  readonly leaderElectionRoleBinding: string;
  readonly namespaceRole: string;
  readonly namespaceRoleBinding: string;
  readonly clusterRole: string;
  readonly clusterRoleBinding: string;
  /** The ClusterRole aggregated into the Cluster API core manager's role. */
  readonly capiAggregatedClusterRole: string;
  readonly deployment: string;
  readonly webhookService: string;
  readonly issuer: string;
  readonly certificate: string;
  /** The Secret cert-manager writes the serving certificate to, mounted by the manager. */
  readonly certificateSecret: string;
  readonly mutatingWebhookConfiguration: string;
  readonly validatingWebhookConfiguration: string;
}

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

/** The object names for a prefix and namespace, following the kubebuilder layout Cluster API providers use. */
export function componentNames(namePrefix: string, namespace: string): ComponentNames {
  const name = (suffix: string) => `${namePrefix}-${suffix}`;
  return {
    namespace,
    serviceAccount: name('manager'),
    leaderElectionRole: name('leader-election-role'),
    leaderElectionRoleBinding: name('leader-election-rolebinding'),
    namespaceRole: name('manager-namespace-role'),
    namespaceRoleBinding: name('manager-namespace-rolebinding'),
    clusterRole: name('manager-role'),
    clusterRoleBinding: name('manager-rolebinding'),
    capiAggregatedClusterRole: name('capi-aggregated-role'),
    deployment: name('controller-manager'),
    webhookService: name('webhook-service'),
    issuer: name('selfsigned-issuer'),
    certificate: name('serving-cert'),
    certificateSecret: name('webhook-service-cert'),
    mutatingWebhookConfiguration: name('mutating-webhook-configuration'),
    validatingWebhookConfiguration: name('validating-webhook-configuration'),
  };
}

function validateRules(field: string, rules: readonly PolicyRule[], clusterScoped: boolean): void {
  rules.forEach((rule, i) => {
    const where = `${field}[${i}]`;
    if (rule.verbs.length === 0) throw new Error(`${where}: verbs must not be empty`);
    const resources = rule.resources?.length ?? 0;
    const urls = rule.nonResourceURLs?.length ?? 0;
    if (urls > 0 && !clusterScoped) throw new Error(`${where}: namespaced rules cannot apply to non-resource URLs`);
    if (resources > 0 && urls > 0) throw new Error(`${where}: a rule has either resources or nonResourceURLs`);
    if (resources === 0 && urls === 0) throw new Error(`${where}: resources or nonResourceURLs are required`);
    if (resources > 0 && (rule.apiGroups?.length ?? 0) === 0) throw new Error(`${where}: apiGroups are required`);
  });
}

function validateEnv(env: readonly EnvVar[]): void {
  const names = new Set(['POD_NAMESPACE', 'POD_NAME', 'POD_UID']);
  for (const variable of env) {
    if (names.has(variable.name)) throw new Error(`manager.env: ${variable.name} is set twice`);
    names.add(variable.name);
  }
}

function validateCrd(crd: ComponentsCrd, index: number): void {
  const where = `crds[${index}]`;
  if (crd.apiVersion !== 'apiextensions.k8s.io/v1' || crd.kind !== 'CustomResourceDefinition') {
    throw new Error(`${where}: expected an apiextensions.k8s.io/v1 CustomResourceDefinition`);
  }
  const expected = `${crd.spec.names.plural}.${crd.spec.group}`;
  if (crd.metadata.name !== expected) throw new Error(`${where}: name must be ${expected}, not ${crd.metadata.name}`);
  if (crd.spec.versions.filter((v) => v.storage).length !== 1) {
    throw new Error(`${where} ${expected}: exactly one version must be the storage version`);
  }
}

function selectConvertedCrds(spec: ComponentsSpec, crds: readonly ComponentsCrd[]): Set<string> {
  const conversion = spec.webhooks?.conversion;
  const byName = new Map(crds.map((crd) => [crd.metadata.name ?? '', crd]));
  const selected = new Set<string>();
  if (conversion?.crds) {
    for (const name of conversion.crds) {
      const crd = byName.get(name);
      if (!crd) throw new Error(`webhooks.conversion.crds: ${name} is not one of the CRDs`);
      if (crd.spec.versions.length < 2) throw new Error(`webhooks.conversion.crds: ${name} has a single version`);
      selected.add(name);
    }
  } else if (conversion) {
    for (const [name, crd] of byName) if (crd.spec.versions.length > 1) selected.add(name);
  }
  for (const [name, crd] of byName) {
    if (crd.spec.conversion?.strategy === 'Webhook' && !selected.has(name)) {
      throw new Error(`${name} asks for webhook conversion; list it in webhooks.conversion`);
    }
  }
  return selected;
}

function validateWebhooks(field: string, webhooks: readonly AdmissionWebhookSpec[]): void {
  const seen = new Set<string>();
  for (const webhook of webhooks) {
    const where = `${field} ${webhook.name}`;
    if (webhook.name.split('.').length < 3)
      throw new Error(`${where}: name needs at least three dot-separated segments`);
    if (seen.has(webhook.name)) throw new Error(`${where}: name used twice`);
    seen.add(webhook.name);
    if (!webhook.path.startsWith('/')) throw new Error(`${where}: path must start with "/"`);
    if (webhook.rules.length === 0) throw new Error(`${where}: rules must not be empty`);
  }
}
