/**
 * Custom resources defined once, with zod: `defineResource()` gives the TypeScript type, runtime validation
 * (`parse`/`safeParse`) and a `ResourceType` for the client and the cache; `defineCustomResourceDefinition()`
 * assembles the versions into a CRD (structural OpenAPI v3 schemas, subresources, printer columns, CEL rules,
 * Cluster API contract labels); `renderCrdYaml()`/`writeCrds()` write it and check it for drift
 * (the `cli/crdgen.ts` script wraps them for package scripts and CI).
 */
export {
  type CrdConversion,
  type CrdNames,
  type CrdSubresources,
  type CrdVersion,
  type CustomResourceDefinition,
  isCustomResourceDefinition,
  type JsonSchemaProps,
  type PrinterColumn,
  type ScaleSubresource,
  type ValidationRule,
  type WebhookClientConfig,
} from './crd-types.js';
export { crdFileName, renderCrdYaml } from './crd-yaml.js';
export {
  type AnyResourceDefinition,
  type ContractVersions,
  type ConversionOptions,
  type CustomResourceDefinitionOptions,
  contractLabels,
  defineCustomResourceDefinition,
} from './define-crd.js';
export {
  defineResource,
  type InferResource,
  type ResourceDefinition,
  type ResourceInput,
  type ResourceObject,
  type ResourceOptions,
  type SafeParseResult,
} from './define-resource.js';
export {
  type CelRuleOptions,
  celRule,
  embeddedResource,
  intOrString,
  listType,
  mapType,
  preserveUnknownFields,
} from './extensions.js';
export { SchemaConversionError } from './schema-conversion-error.js';
export { ResourceValidationError, type ValidationIssue } from './validation-error.js';
export { CrdDriftError, type WriteCrdsOptions, type WriteCrdsResult, writeCrds } from './write-crds.js';
export { toOpenApiSchema } from './zod-to-openapi.js';
