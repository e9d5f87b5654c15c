import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject, ObjectMeta, OwnerReference } from '../client/object.js';
import { apiVersionOf, type ResourceType, resourceType } from '../client/resource-type.js';
import { CapiAnnotation, CapiLabel } from './constants.js';
import { generateName } from './generate-name.js';
import type { ObjectReader } from './object-reader.js';
import { groupOf } from './owner-references.js';
import { pluralize } from './pluralize.js';
import type { ContractVersionedObjectReference } from './types.js';

const TEMPLATE_SUFFIX = 'Template';

/** What {@link generateFromTemplate} needs. */
export interface GenerateFromTemplateInput {
  /** The `<Kind>Template` object to clone. */
  template: Readonly<KubeObject>;
  /** The template's type, for templates read without `apiVersion`/`kind`. */
  templateType?: Pick<ResourceType, 'group' | 'version' | 'kind'>;
  /** Namespace of the new object. */
  namespace: string;
  /** Name of the new object; `<template name>-<5 random characters>` when omitted. */
  name?: string;
  /** Value of the `cluster.x-k8s.io/cluster-name` label. */
  clusterName: string;
  /** The new object's only owner reference. */
  ownerRef?: OwnerReference;
  /** Labels added over the template's. */
  labels?: Record<string, string>;
  /** Annotations added over the template's. */
  annotations?: Record<string, string>;
}

/**
 * The object Cluster API's `external.GenerateTemplate` makes from a template: `spec.template` becomes the object
 * (so `spec.template.spec` → `spec` and `spec.template.metadata` → labels and annotations), then
 * - name and namespace as given (a generated name from the template's when no name is given);
 * - annotations: the template's, the given ones, `cluster.x-k8s.io/cloned-from-name: <template name>` and
 *   `cluster.x-k8s.io/cloned-from-groupkind: <TemplateKind>.<group>`;
 * - labels: the template's, the given ones, and `cluster.x-k8s.io/cluster-name: <clusterName>`;
 * - the owner reference, when given, as the only one;
 * - the template's apiVersion and its kind without the `Template` suffix.
 */
export function generateFromTemplate(input: GenerateFromTemplateInput): KubeObject {
  const templateApiVersion = input.templateType ? apiVersionOf(input.templateType) : input.template.apiVersion;
  const templateKind = input.templateType?.kind ?? input.template.kind;
  const templateName = input.template.metadata.name;
  if (!templateApiVersion || !templateKind || !templateName) {
    throw new Error('generateFromTemplate: the template needs an apiVersion, a kind and a name');
  }
  const spec = (input.template as { spec?: { template?: Record<string, unknown> } }).spec;
  const copy = structuredClone(spec?.template ?? {}) as Partial<KubeObject>;
  const templateMeta: ObjectMeta = copy.metadata ?? {};
  const keptMeta: ObjectMeta = { ...templateMeta };
  delete keptMeta.resourceVersion;
  delete keptMeta.finalizers;
  delete keptMeta.uid;

  const group = groupOf(templateApiVersion);
  const metadata: ObjectMeta = {
    ...keptMeta,
    name: input.name || generateName(`${templateName}-`),
    namespace: input.namespace,
    annotations: {
      ...templateMeta.annotations,
      ...input.annotations,
      [CapiAnnotation.clonedFromName]: templateName,
      [CapiAnnotation.clonedFromGroupKind]: group === '' ? templateKind : `${templateKind}.${group}`,
    },
    labels: { ...templateMeta.labels, ...input.labels, [CapiLabel.clusterName]: input.clusterName },
    ...(input.ownerRef ? { ownerReferences: [{ ...input.ownerRef }] } : {}),
  };
  return {
    ...copy,
    apiVersion: copy.apiVersion || templateApiVersion,
    kind: copy.kind || trimTemplateSuffix(templateKind),
    metadata,
  };
}

function trimTemplateSuffix(kind: string): string {
  return kind.endsWith(TEMPLATE_SUFFIX) ? kind.slice(0, -TEMPLATE_SUFFIX.length) : kind;
}

/** What {@link createFromTemplate} needs. */
export interface CreateFromTemplateInput extends Omit<GenerateFromTemplateInput, 'template' | 'templateType'> {
  /** The template's kind and version. */
  templateType: ResourceType;
  templateName: string;
  /** Namespace of the template; the new object's namespace by default. */
  templateNamespace?: string;
  /**
   * The type of the object to create; by default the template's group and version, its kind without `Template`,
   * and the plural Cluster API's CRD naming gives that kind.
   */
  targetType?: ResourceType;
}

/** The object created by {@link createFromTemplate} and the v1beta2 reference to put in the owner's spec. */
export interface CreatedFromTemplate {
  object: KubeObject;
  ref: ContractVersionedObjectReference;
}

/**
 * Reads a template, generates the object with {@link generateFromTemplate} and creates it, as Cluster API's
 * `external.CreateFromTemplate`. Throws when the template does not exist.
 */
export async function createFromTemplate(
  client: KubeClient,
  reader: ObjectReader,
  input: CreateFromTemplateInput,
): Promise<CreatedFromTemplate> {
  const { templateType, templateName, templateNamespace, targetType, ...rest } = input;
  const namespace = templateNamespace ?? input.namespace;
  const template = await reader.get(templateType, { namespace, name: templateName });
  if (!template) throw new Error(`${templateType.kind} ${namespace}/${templateName} does not exist`);
  const generated = generateFromTemplate({ ...rest, template, templateType });
  const kind = generated.kind as string;
  const type = targetType ?? resourceType(generated.apiVersion as string, kind, pluralize(kind.toLowerCase()), true);
  const object = await client.create(type, generated);
  return { object, ref: { apiGroup: type.group, kind: type.kind, name: object.metadata.name as string } };
}
