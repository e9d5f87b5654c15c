/**
 * Writes `src/api/core/kubernetes-core.generated.ts`: zod schemas for the Kubernetes core types that the
 * KamajiControlPlane embeds (affinity, tolerations, containers, volumes, probes, ...), generated from the
 * OpenAPI v3 document that the test harness's own kube-apiserver serves, so they follow the same Kubernetes API
 * the provider is tested against. Run with `pnpm generate:core` after a Kubernetes version bump.
 *
 * Like a CRD generator working from the Go types, it leaves out what the OpenAPI document has only for
 * documentation or from Go zero values: enums (core types list their values in descriptions only), descriptions,
 * and `default` on required fields or with a zero value (`0`, `{}`).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEnvironment } from '@capi-ts/sdk/testing';

interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  $ref?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
}

/** The root types, by the exported name they get. */
const ROOTS: Record<string, string> = {
  affinity: 'io.k8s.api.core.v1.Affinity',
  toleration: 'io.k8s.api.core.v1.Toleration',
  container: 'io.k8s.api.core.v1.Container',
  volume: 'io.k8s.api.core.v1.Volume',
  volumeMount: 'io.k8s.api.core.v1.VolumeMount',
  topologySpreadConstraint: 'io.k8s.api.core.v1.TopologySpreadConstraint',
  resourceRequirements: 'io.k8s.api.core.v1.ResourceRequirements',
  securityContext: 'io.k8s.api.core.v1.SecurityContext',
  deploymentStrategy: 'io.k8s.api.apps.v1.DeploymentStrategy',
};

/** Types written by hand in the output instead of generated. */
const SPECIAL: Record<string, string> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'intOrString()',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'intOrString()',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'z.object({})',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'z.string()',
};

async function fetchSchemas(): Promise<Record<string, OpenApiSchema>> {
  const env = await startTestEnvironment();
  try {
    const out: Record<string, OpenApiSchema> = {};
    for (const group of ['/openapi/v3/api/v1', '/openapi/v3/apis/apps/v1']) {
      const doc = await env.transport.request<{ components: { schemas: Record<string, OpenApiSchema> } }>({
        method: 'GET',
        path: group,
      });
      Object.assign(out, doc.components.schemas);
    }
    return out;
  } finally {
    await env.stop();
  }
}

function constName(ref: string): string {
  const short = ref.split('.').pop() ?? ref;
  return `${short.charAt(0).toLowerCase()}${short.slice(1)}Schema`;
}

function refOf(schema: OpenApiSchema): string | undefined {
  if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '');
  const only = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
  return only?.$ref?.replace('#/components/schemas/', '');
}

/**
 * Defaults that the Go types give as references to constants (`+default=ref(...)`), which CRD generators ignore:
 * upstream CRDs do not carry them, so neither do ours.
 */
const CONSTANT_REFERENCE_DEFAULTS = new Set([
  'io.k8s.api.core.v1.AzureDiskVolumeSource.kind',
  'io.k8s.api.core.v1.AzureDiskVolumeSource.cachingMode',
]);

/** Defaults that come from Go zero values rather than `+default` markers: CRD generators leave them out. */
function isZeroValueDefault(value: unknown): boolean {
  return value === 0 || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

class Generator {
  private readonly emitted = new Map<string, string>();
  private readonly order: string[] = [];

  constructor(private readonly schemas: Record<string, OpenApiSchema>) {}

  reference(ref: string): string {
    const special = SPECIAL[ref];
    if (special) return special;
    const name = constName(ref);
    if (!this.emitted.has(ref)) {
      this.emitted.set(ref, '');
      const schema = this.schemas[ref];
      if (!schema) throw new Error(`${ref} is not in the API server's OpenAPI document`);
      const body = schema.type === 'object' && schema.properties ? this.object(schema, ref) : this.expression(schema);
      this.emitted.set(ref, body);
      this.order.push(ref);
    }
    return name;
  }

  expression(schema: OpenApiSchema): string {
    const ref = refOf(schema);
    let out: string;
    if (ref) out = this.reference(ref);
    else if (schema.type === 'object' && schema.properties) out = this.object(schema);
    else if (schema.type === 'object' && typeof schema.additionalProperties === 'object')
      out = `z.record(z.string(), ${this.expression(schema.additionalProperties)})`;
    else if (schema.type === 'object') out = 'z.object({})';
    else if (schema.type === 'array' && schema.items) out = this.array(schema, schema.items);
    else if (schema.type === 'string') out = schema.format === 'date-time' ? 'z.iso.datetime()' : 'z.string()';
    else if (schema.type === 'integer') out = schema.format === 'int32' ? 'z.int32()' : 'z.int()';
    else if (schema.type === 'number') out = 'z.number()';
    else if (schema.type === 'boolean') out = 'z.boolean()';
    else throw new Error(`unsupported schema ${JSON.stringify(schema).slice(0, 200)}`);
    if (schema['x-kubernetes-map-type']) out = `mapType(${out}, '${schema['x-kubernetes-map-type']}')`;
    return out;
  }

  private array(schema: OpenApiSchema, items: OpenApiSchema): string {
    const base = `z.array(${this.expression(items)})`;
    const listKind = schema['x-kubernetes-list-type'];
    if (listKind === 'map')
      return `listType(${base}, 'map', ${JSON.stringify(schema['x-kubernetes-list-map-keys'] ?? [])})`;
    if (listKind === 'set' || listKind === 'atomic') return `listType(${base}, '${listKind}')`;
    return base;
  }

  private object(schema: OpenApiSchema, ref?: string): string {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([key, field]) => {
      let value = this.expression(field);
      if (!required.has(key)) {
        const keepDefault =
          field.default !== undefined &&
          !isZeroValueDefault(field.default) &&
          !CONSTANT_REFERENCE_DEFAULTS.has(`${ref}.${key}`);
        value = keepDefault ? `${value}.default(${JSON.stringify(field.default)})` : `${value}.optional()`;
      }
      return `  ${JSON.stringify(key)}: ${value},`;
    });
    return `z.object({\n${fields.join('\n')}\n})`;
  }

  render(): string {
    for (const ref of Object.values(ROOTS)) this.reference(ref);
    const lines = [
      '// Generated by scripts/generate-core-schemas.ts from the kube-apiserver OpenAPI document. Do not edit.',
      "import { intOrString, listType, mapType } from '@capi-ts/sdk';",
      "import { z } from 'zod';",
      '',
    ];
    const exported = new Map(Object.entries(ROOTS).map(([name, ref]) => [ref, name]));
    for (const ref of this.order) {
      const publicName = exported.get(ref);
      const name = constName(ref);
      const doc = publicName ? `/** Kubernetes \`${ref}\`. */\nexport ` : '';
      lines.push(`${doc}const ${name} = ${this.emitted.get(ref)};`);
      lines.push('');
    }
    return lines.join('\n');
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, '..', 'src', 'api', 'core', 'kubernetes-core.generated.ts');
const source = new Generator(await fetchSchemas()).render();
writeFileSync(target, source);
process.stdout.write(`wrote ${target}\n`);
