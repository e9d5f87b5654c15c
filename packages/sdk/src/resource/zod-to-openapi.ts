import { z } from 'zod';
import type { JsonSchemaProps } from './crd-types.js';
import { SchemaConversionError } from './schema-conversion-error.js';
import { toStructuralSchema } from './structural.js';

/** zod string formats that Kubernetes validates itself, by their CRD `format` name. */
const KUBERNETES_FORMATS: Record<string, string> = {
  email: 'email',
  url: 'uri',
  uuid: 'uuid',
  guid: 'uuid',
  datetime: 'date-time',
  date: 'date',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  cidrv4: 'cidr',
  cidrv6: 'cidr',
  base64: 'byte',
  mac: 'mac',
  hostname: 'hostname',
};

/** zod number formats: the bounds zod adds for them, and the CRD `format` that says the same. */
const NUMBER_FORMATS: Record<string, { min: number; max: number; format?: string }> = {
  int32: { min: -2147483648, max: 2147483647, format: 'int32' },
  safeint: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  float32: { min: -3.4028234663852886e38, max: 3.4028234663852886e38, format: 'float' },
  float64: { min: -Number.MAX_VALUE, max: Number.MAX_VALUE, format: 'double' },
};

/** Regular-expression features that JavaScript has and RE2 (Go, the API server) lacks. */
const NON_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

type JsonObject = Record<string, unknown>;
interface CheckDef {
  check?: string;
  format?: string;
  pattern?: RegExp;
}

/**
 * Converts a zod schema into a Kubernetes structural OpenAPI v3 schema, as used in a CRD version's
 * `openAPIV3Schema`. Built on zod's `z.toJSONSchema()` (OpenAPI 3.0 target, input side, so `.default()` fields
 * are optional and carry `default:`), then rewritten by {@link toStructuralSchema}:
 * - `.describe()` / `.meta({ description, title })` become `description` / `title`;
 * - `.meta()` may also carry Kubernetes keys (`minProperties`, `x-kubernetes-*`); see the helpers in
 *   `extensions.ts` (`intOrString`, `listType`, `celRule`, ...);
 * - string formats Kubernetes knows (`z.email()`, `z.url()`, `z.uuid()`, `z.iso.datetime()`, `z.iso.date()`,
 *   `z.ipv4()`, `z.ipv6()`, `z.cidrv4()`, `z.cidrv6()`, `z.base64()`, `z.mac()`, `z.hostname()`) become a
 *   `format`; other formats keep only their pattern; patterns must be RE2-compatible (no lookaround,
 *   no back-references); regex flags `i`, `m`, `s` become inline `(?i)` etc.;
 * - `z.int32()` becomes `format: int32`; `z.int()` a plain integer; `z.float32()`/`z.float64()` `float`/`double`.
 *
 * `fieldPath` prefixes error messages (e.g. `.spec`).
 */
export function toOpenApiSchema(schema: z.ZodType, fieldPath = ''): JsonSchemaProps {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    reused: 'inline',
    cycles: 'ref',
    unrepresentable: ({ path, message }) => {
      throw new SchemaConversionError(fieldPath + fieldPathOf(path), `${message}; it has no JSON form`);
    },
    override: ({ zodSchema, jsonSchema, path }) => {
      const where = fieldPath + fieldPathOf(path);
      const type = zodSchema._zod.def.type;
      if (type === 'string') rewriteStringChecks(zodSchema, jsonSchema as JsonObject, where);
      else if (type === 'number') rewriteNumberFormat(zodSchema, jsonSchema as JsonObject);
      else if (type === 'tuple') throw new SchemaConversionError(where, 'tuples are not supported in CRDs');
    },
  });
  return toStructuralSchema(json as JsonObject, fieldPath);
}

/** `['properties', 'spec', 'properties', 'ports', 'items']` → `.spec.ports[*]` */
function fieldPathOf(schemaPath: (string | number)[]): string {
  let out = '';
  for (let i = 0; i < schemaPath.length; i++) {
    const step = schemaPath[i];
    if (step === 'properties') out += `.${String(schemaPath[++i])}`;
    else if (step === 'items') out += '[*]';
    else if (step === 'additionalProperties') out += '.*';
  }
  return out;
}

/** The checks of a schema; a format schema such as `z.email()` or `z.int32()` is its own first check. */
function checksOf(schema: z.core.$ZodType): CheckDef[] {
  const internals = schema._zod;
  const checks = [
    ...(internals.traits.has('$ZodCheck') ? [schema] : []),
    ...((internals.def as { checks?: z.core.$ZodType[] }).checks ?? []),
  ];
  return checks.map((check) => check._zod.def as CheckDef);
}

function rewriteStringChecks(schema: z.core.$ZodType, json: JsonObject, where: string): void {
  let format: string | undefined;
  const patterns: string[] = [];
  for (const def of checksOf(schema)) {
    if (def.check !== 'string_format') continue;
    const known = def.format === undefined ? undefined : KUBERNETES_FORMATS[def.format];
    if (known) format ??= known;
    else if (def.pattern) patterns.push(toRe2(def.pattern, where));
  }
  delete json.format;
  delete json.pattern;
  delete json.allOf;
  if (format) json.format = format;
  if (patterns.length === 1) json.pattern = patterns[0];
  else if (patterns.length > 1) json.allOf = patterns.map((pattern) => ({ pattern }));
}

function toRe2(pattern: RegExp, where: string): string {
  if (NON_RE2.test(pattern.source)) {
    throw new SchemaConversionError(
      where,
      `pattern /${pattern.source}/ uses lookaround or back-references, which the API server (RE2) cannot run`,
    );
  }
  const flags = [...pattern.flags].filter((flag) => flag === 'i' || flag === 'm' || flag === 's').join('');
  return flags ? `(?${flags})${pattern.source}` : pattern.source;
}

function rewriteNumberFormat(schema: z.core.$ZodType, json: JsonObject): void {
  const format = checksOf(schema).find((def) => def.check === 'number_format')?.format;
  const implied = format === undefined ? undefined : NUMBER_FORMATS[format];
  if (!implied) return;
  if (json.minimum === implied.min && json.exclusiveMinimum !== true) delete json.minimum;
  if (json.maximum === implied.max && json.exclusiveMaximum !== true) delete json.maximum;
  if (implied.format) json.format = implied.format;
}
