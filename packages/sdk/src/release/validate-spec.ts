import type { AdmissionWebhookSpec, ComponentsSpec } from './components-spec.js';
import type { ComponentsCrd, EnvVar, PolicyRule } from './kubernetes-types.js';

/** Checks RBAC rules the way the API server would, naming the offending rule. */
export function validateRules(field: string, rules: readonly PolicyRule[], clusterScoped: boolean): void {
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

/** Checks that no environment variable is set twice (including the downward API ones). */
export function validateEnv(env: readonly EnvVar[]): void {
  const names = new Set(['POD_NAMESPACE', 'POD_NAME', 'POD_UID']);
  for (const variable of env) {
    if (names.has(variable.name)) throw new Error(`manager.env: ${variable.name} is set twice`);
    names.add(variable.name);
  }
}

/** Checks a CRD object: its kind, its name (`<plural>.<group>`) and its single storage version. */
export function validateCrd(crd: ComponentsCrd, index: number): void {
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

/** The CRDs the conversion webhook serves: those listed, or every multi-version CRD when none are listed. */
export function selectConvertedCrds(spec: ComponentsSpec, crds: readonly ComponentsCrd[]): Set<string> {
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

/** Checks admission webhooks the way the API server would (names, paths, rules). */
export function validateWebhooks(field: string, webhooks: readonly AdmissionWebhookSpec[]): void {
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
