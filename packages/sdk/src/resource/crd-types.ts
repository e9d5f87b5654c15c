import type { KubeObject } from '../client/object.js';

/** One CEL rule in `x-kubernetes-validations`. */
export interface ValidationRule {
  /** The CEL expression; `self` is the value at this node, `oldSelf` the previous value on update. */
  rule: string;
  /** The message shown when the rule fails. */
  message?: string;
  /** A CEL expression that evaluates to the message; wins over `message`. */
  messageExpression?: string;
  /** The reason reported to the client; the API server defaults it to `FieldValueInvalid`. */
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  /** Where the error points, relative to this node, e.g. `.spec.replicas`. */
  fieldPath?: string;
  /** Also run the rule on create and when `oldSelf` is absent (`oldSelf` is then an optional). */
  optionalOldSelf?: boolean;
}

/** The apiextensions.k8s.io/v1 `JSONSchemaProps`: a Kubernetes structural OpenAPI v3 schema node. */
export interface JsonSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  title?: string;
  description?: string;
  default?: unknown;
  example?: unknown;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  properties?: Record<string, JsonSchemaProps>;
  additionalProperties?: JsonSchemaProps | boolean;
  items?: JsonSchemaProps;
  allOf?: JsonSchemaProps[];
  anyOf?: JsonSchemaProps[];
  oneOf?: JsonSchemaProps[];
  not?: JsonSchemaProps;
  externalDocs?: { description?: string; url?: string };
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: ValidationRule[];
}

/** A column of `kubectl get` output (`additionalPrinterColumns`). */
export interface PrinterColumn {
  /** Column header, e.g. `Ready`. */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** Simple JSONPath into the object, e.g. `.status.ready`. */
  jsonPath: string;
  description?: string;
  /** An OpenAPI format hint for the value, e.g. `int32` or `date-time`. */
  format?: string;
  /** 0 shows the column by default; higher values only with `-o wide`. */
  priority?: number;
}

/** The `/scale` subresource, which makes the kind usable with `kubectl scale` and autoscalers. */
export interface ScaleSubresource {
  /** e.g. `.spec.replicas` */
  specReplicasPath: string;
  /** e.g. `.status.replicas` */
  statusReplicasPath: string;
  /** e.g. `.status.selector` (a label selector in string form) */
  labelSelectorPath?: string;
}

/** The `subresources` stanza of one CRD version. */
export interface CrdSubresources {
  status?: Record<string, never>;
  scale?: ScaleSubresource;
}

/** One entry of `spec.versions` of a CRD. */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema: { openAPIV3Schema: JsonSchemaProps };
  subresources?: CrdSubresources;
  additionalPrinterColumns?: PrinterColumn[];
}

/** The `spec.names` stanza of a CRD. */
export interface CrdNames {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
}

/** Where the API server sends ConversionReview requests. */
export interface WebhookClientConfig {
  service?: { namespace: string; name: string; path?: string; port?: number };
  url?: string;
  caBundle?: string;
}

/** The `spec.conversion` stanza of a CRD. */
export type CrdConversion =
  | { strategy: 'None' }
  | {
      strategy: 'Webhook';
      webhook: { clientConfig: WebhookClientConfig; conversionReviewVersions: string[] };
    };

/** An apiextensions.k8s.io/v1 CustomResourceDefinition. */
export interface CustomResourceDefinition extends KubeObject {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    group: string;
    names: CrdNames;
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
    conversion?: CrdConversion;
  };
}

/** True when `value` is an apiextensions.k8s.io/v1 CustomResourceDefinition object. */
export function isCustomResourceDefinition(value: unknown): value is CustomResourceDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<CustomResourceDefinition>;
  return candidate.apiVersion === 'apiextensions.k8s.io/v1' && candidate.kind === 'CustomResourceDefinition';
}
