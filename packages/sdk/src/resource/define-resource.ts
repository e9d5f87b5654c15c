import { z } from 'zod';
import type { KubeObject, ObjectMeta } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type {
  CrdNames,
  CrdSubresources,
  JsonSchemaProps,
  PrinterColumn,
  ScaleSubresource,
  ValidationRule,
} from './crd-types.js';
import { ResourceValidationError } from './validation-error.js';
import { toOpenApiSchema } from './zod-to-openapi.js';

/** A custom resource object: Kubernetes metadata plus the `spec` and `status` of its schema. */
export type ResourceObject<Spec, Status = never> = KubeObject & { spec: Spec; status?: Status };

type StatusOutput<Status> = Status extends z.ZodType ? z.output<Status> : never;
type StatusInput<Status> = Status extends z.ZodType ? z.input<Status> : never;

/** What {@link ResourceDefinition.build} accepts: the input side of the schemas (defaulted fields optional). */
export interface ResourceInput<Spec, Status = never> {
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}

/** The object type of a {@link ResourceDefinition}, e.g. `type LXCCluster = InferResource<typeof LXCCluster>`. */
export type InferResource<R> = R extends ResourceType<infer T> ? T : never;

/** The result of {@link ResourceDefinition.safeParse}. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: ResourceValidationError };

/** What {@link defineResource} needs to describe one version of a custom resource. */
export interface ResourceOptions<Spec extends z.ZodType, Status extends z.ZodType | undefined> {
  /** API group, e.g. `infrastructure.cluster.x-k8s.io`. */
  group: string;
  /** API version, e.g. `v1alpha2`. */
  version: string;
  /** CamelCase kind, e.g. `LXCCluster`. */
  kind: string;
  /**
   * Lower-case plural, e.g. `lxcclusters`. Spell it out: Cluster API finds a provider's CRD by the name
   * `<plural>.<group>`, with the plural computed by Go's `flect.Pluralize(lower(kind))`.
   */
  plural: string;
  /** Defaults to the lower-cased kind. */
  singular?: string;
  shortNames?: string[];
  /** `kubectl get <category>` groups; Cluster API providers use `cluster-api`. */
  categories?: string[];
  scope: 'Namespaced' | 'Cluster';
  /** Description of the kind, shown by `kubectl explain`. */
  description?: string;
  spec: Spec;
  status?: Status;
  printerColumns?: PrinterColumn[];
  /**
   * `status`: serve `/status` (defaults to true when a status schema is given), so that spec writes ignore
   * status and status writes ignore everything else. `scale`: serve `/scale`.
   */
  subresources?: { status?: boolean; scale?: ScaleSubresource };
  /** CEL rules on the whole object (`self.spec`, `self.metadata.name`, ...). */
  validations?: ValidationRule[];
  /** Whether the API server serves this version. Default true. */
  served?: boolean;
  /**
   * Whether objects are stored in this version. Exactly one version of a CRD is the storage version; leave it
   * unset on a CRD's only version.
   */
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
}

/**
 * One version of a custom resource, defined once with zod. It is a {@link ResourceType}, so it works with
 * `KubeClient` and the cache as is, and it carries the runtime schema and the CRD material for this version.
 */
export interface ResourceDefinition<
  Spec extends z.ZodType = z.ZodType,
  Status extends z.ZodType | undefined = undefined,
> extends ResourceType<ResourceObject<z.output<Spec>, StatusOutput<Status>>> {
  /** `group/version` */
  readonly apiVersion: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly names: CrdNames;
  readonly specSchema: Spec;
  readonly statusSchema: Status;
  /** The zod schema of the whole object; unknown fields are dropped, as the API server prunes them. */
  readonly schema: z.ZodType<ResourceObject<z.output<Spec>, StatusOutput<Status>>>;
  /** The structural OpenAPI v3 schema of the whole object (the CRD version's `openAPIV3Schema`). */
  readonly openApiSchema: JsonSchemaProps;
  readonly printerColumns: PrinterColumn[];
  readonly subresources: CrdSubresources | undefined;
  readonly served: boolean;
  /** As declared; `undefined` leaves the choice to `defineCustomResourceDefinition()`. */
  readonly storage: boolean | undefined;
  readonly deprecated: boolean;
  readonly deprecationWarning: string | undefined;
  /** Validates and returns the object with defaults applied; throws a {@link ResourceValidationError}. */
  parse(input: unknown): ResourceObject<z.output<Spec>, StatusOutput<Status>>;
  /** Like {@link parse}, but returns the error instead of throwing it. */
  safeParse(input: unknown): SafeParseResult<ResourceObject<z.output<Spec>, StatusOutput<Status>>>;
  /**
   * Builds a typed object from the input side of the schemas: sets `apiVersion` and `kind`, applies defaults
   * and validates (throws a {@link ResourceValidationError}), e.g. `client.create(T, T.build({ metadata, spec }))`.
   */
  build(input: ResourceInput<z.input<Spec>, StatusInput<Status>>): ResourceObject<z.output<Spec>, StatusOutput<Status>>;
}

const objectMetaSchema: z.ZodType<ObjectMeta> = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  deletionGracePeriodSeconds: z.number().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  finalizers: z.array(z.string()).optional(),
  ownerReferences: z
    .array(
      z.looseObject({
        apiVersion: z.string(),
        kind: z.string(),
        name: z.string(),
        uid: z.string(),
        controller: z.boolean().optional(),
        blockOwnerDeletion: z.boolean().optional(),
      }),
    )
    .optional(),
  managedFields: z.array(z.unknown()).optional(),
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Defines one version of a custom resource from zod schemas for its `spec` and `status`:
 *
 * ```ts
 * export const LXCCluster = defineResource({
 *   group: 'infrastructure.cluster.x-k8s.io', version: 'v1alpha2', kind: 'LXCCluster', plural: 'lxcclusters',
 *   scope: 'Namespaced', categories: ['cluster-api'],
 *   spec: z.object({ controlPlaneEndpoint: z.object({ host: z.string(), port: z.int32() }).optional() }),
 *   status: z.object({ initialization: z.object({ provisioned: z.boolean().optional() }).optional() }),
 *   printerColumns: [{ name: 'Provisioned', type: 'boolean', jsonPath: '.status.initialization.provisioned' }],
 * });
 * export type LXCCluster = InferResource<typeof LXCCluster>;
 * ```
 *
 * The OpenAPI schema is generated here, so a schema Kubernetes cannot express fails at definition time with a
 * `SchemaConversionError`. The CRD describes the *input* side of the schemas (what is stored); keep `parse()`
 * output writable by avoiding transforms that change a value's shape. Pass the definitions of all versions to `defineCustomResourceDefinition()` for the CRD.
 */
export function defineResource<Spec extends z.ZodType, Status extends z.ZodType | undefined = undefined>(
  options: ResourceOptions<Spec, Status>,
): ResourceDefinition<Spec, Status> {
  type Obj = ResourceObject<z.output<Spec>, StatusOutput<Status>>;
  checkNames(options);
  const apiVersion = `${options.group}/${options.version}`;
  const schema = z.object({
    apiVersion: z.literal(apiVersion).optional(),
    kind: z.literal(options.kind).optional(),
    metadata: objectMetaSchema,
    spec: options.spec,
    ...(options.status ? { status: options.status.optional() } : {}),
  }) as unknown as z.ZodType<Obj>;

  const safeParse = (input: unknown): SafeParseResult<Obj> => {
    const result = schema.safeParse(input);
    if (result.success) return { success: true, data: result.data };
    return { success: false, error: ResourceValidationError.fromZodError(options.kind, input, result.error) };
  };

  const parse = (input: unknown): Obj => {
    const result = safeParse(input);
    if (!result.success) throw result.error;
    return result.data;
  };

  return Object.freeze({
    group: options.group,
    version: options.version,
    kind: options.kind,
    plural: options.plural,
    namespaced: options.scope === 'Namespaced',
    apiVersion,
    scope: options.scope,
    names: {
      kind: options.kind,
      listKind: `${options.kind}List`,
      plural: options.plural,
      singular: options.singular ?? options.kind.toLowerCase(),
      ...(options.shortNames?.length ? { shortNames: [...options.shortNames] } : {}),
      ...(options.categories?.length ? { categories: [...options.categories] } : {}),
    },
    specSchema: options.spec,
    statusSchema: options.status as Status,
    schema,
    openApiSchema: rootSchema(options),
    printerColumns: [...(options.printerColumns ?? [])],
    subresources: subresourcesOf(options),
    served: options.served ?? true,
    storage: options.storage,
    deprecated: options.deprecated ?? false,
    deprecationWarning: options.deprecationWarning,
    parse,
    safeParse,
    build: (input: ResourceInput<z.input<Spec>, StatusInput<Status>>) =>
      parse({ apiVersion, kind: options.kind, ...input }),
  });
}

function checkNames(options: ResourceOptions<z.ZodType, z.ZodType | undefined>): void {
  const problems: string[] = [];
  if (!options.group.includes('.')) problems.push(`group "${options.group}" must contain a dot`);
  if (!DNS_LABEL.test(options.plural)) problems.push(`plural "${options.plural}" must be a lower-case DNS label`);
  if (options.singular !== undefined && !DNS_LABEL.test(options.singular)) {
    problems.push(`singular "${options.singular}" must be a lower-case DNS label`);
  }
  if (!/^[A-Z][A-Za-z0-9]*$/.test(options.kind)) problems.push(`kind "${options.kind}" must be CamelCase`);
  if (!DNS_LABEL.test(options.version)) problems.push(`version "${options.version}" must be a DNS label`);
  if (problems.length > 0) throw new Error(`defineResource ${options.kind}: ${problems.join('; ')}`);
}

function rootSchema(options: ResourceOptions<z.ZodType, z.ZodType | undefined>): JsonSchemaProps {
  const specRequired = !options.spec.safeParse(undefined).success;
  const rules = options.validations ?? [];
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    properties: {
      apiVersion: {
        type: 'string',
        description: 'The versioned schema of this object: <group>/<version>.',
      },
      kind: { type: 'string', description: 'The REST resource this object represents, in CamelCase.' },
      metadata: { type: 'object' },
      spec: toOpenApiSchema(options.spec, '.spec'),
      ...(options.status ? { status: toOpenApiSchema(options.status, '.status') } : {}),
    },
    ...(specRequired ? { required: ['spec'] } : {}),
    ...(rules.length > 0 ? { 'x-kubernetes-validations': rules.map((rule) => ({ ...rule })) } : {}),
  };
}

function subresourcesOf(options: ResourceOptions<z.ZodType, z.ZodType | undefined>): CrdSubresources | undefined {
  const status = options.subresources?.status ?? options.status !== undefined;
  const scale = options.subresources?.scale;
  if (!status && !scale) return undefined;
  return { ...(status ? { status: {} } : {}), ...(scale ? { scale: { ...scale } } : {}) };
}
