import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  celRule,
  embeddedResource,
  intOrString,
  listType,
  mapType,
  preserveUnknownFields,
  SchemaConversionError,
  toOpenApiSchema,
} from '../../src/resource/index.js';

const field = (schema: z.ZodType) => toOpenApiSchema(z.object({ f: schema })).properties?.f;

function conversionError(schema: z.ZodType): SchemaConversionError {
  try {
    toOpenApiSchema(schema, '.spec');
  } catch (err) {
    if (err instanceof SchemaConversionError) return err;
    throw err;
  }
  throw new Error('expected a SchemaConversionError');
}

describe('zod to structural OpenAPI: scalars', () => {
  it('maps strings with length, pattern and description', () => {
    expect(
      field(
        z
          .string()
          .min(1)
          .max(63)
          .regex(/^[a-z]+$/)
          .describe('A name.'),
      ),
    ).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 63,
      pattern: '^[a-z]+$',
      description: 'A name.',
    });
  });

  it('turns regex flags into inline RE2 flags and stacks several patterns in allOf without types', () => {
    expect(field(z.string().regex(/^a+$/i).regex(/b/))).toEqual({
      type: 'string',
      allOf: [{ pattern: '(?i)^a+$' }, { pattern: 'b' }],
    });
  });

  it('maps zod string formats to the formats the API server checks and drops their JS patterns', () => {
    expect(field(z.email())).toEqual({ type: 'string', format: 'email' });
    expect(field(z.iso.datetime())).toEqual({ type: 'string', format: 'date-time' });
    expect(field(z.iso.date())).toEqual({ type: 'string', format: 'date' });
    expect(field(z.url())).toEqual({ type: 'string', format: 'uri' });
    expect(field(z.uuid())).toEqual({ type: 'string', format: 'uuid' });
    expect(field(z.ipv4())).toEqual({ type: 'string', format: 'ipv4' });
    expect(field(z.ipv6())).toEqual({ type: 'string', format: 'ipv6' });
    expect(field(z.cidrv4())).toEqual({ type: 'string', format: 'cidr' });
    expect(field(z.base64())).toEqual({ type: 'string', format: 'byte' });
    expect(field(z.hostname())).toEqual({ type: 'string', format: 'hostname' });
  });

  it('keeps a format pattern when Kubernetes has no such format', () => {
    const time = field(z.iso.time());
    expect(time?.format).toBeUndefined();
    expect(time?.pattern).toMatch(/^\^/);
  });

  it('rejects patterns RE2 cannot run, naming the field', () => {
    const err = conversionError(z.object({ name: z.string().regex(/^(?!kube-).*$/) }));
    expect(err.fieldPath).toBe('.spec.name');
    expect(err.message).toContain('lookaround');
  });

  it('maps integers and floats to Kubernetes formats without the implied bounds', () => {
    expect(field(z.int32())).toEqual({ type: 'integer', format: 'int32' });
    expect(field(z.int32().min(0))).toEqual({ type: 'integer', format: 'int32', minimum: 0 });
    expect(field(z.int())).toEqual({ type: 'integer' });
    expect(field(z.number().int().max(10))).toEqual({ type: 'integer', maximum: 10 });
    expect(field(z.float64())).toEqual({ type: 'number', format: 'double' });
    expect(field(z.number().gt(0).lt(1))).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 1,
      exclusiveMaximum: true,
    });
    expect(field(z.boolean())).toEqual({ type: 'boolean' });
  });

  it('maps enums and literals to enum', () => {
    expect(field(z.enum(['Always', 'Never']))).toEqual({ type: 'string', enum: ['Always', 'Never'] });
    expect(field(z.literal('fixed'))).toEqual({ type: 'string', enum: ['fixed'] });
    expect(field(z.union([z.literal('a'), z.literal('b'), z.literal('a')]))).toEqual({
      type: 'string',
      enum: ['a', 'b'],
    });
  });

  it('maps nullable and T | null to nullable', () => {
    expect(field(z.string().nullable())).toEqual({ type: 'string', nullable: true });
    expect(field(z.union([z.int32(), z.null()]))).toEqual({ type: 'integer', format: 'int32', nullable: true });
  });

  it('emits defaults and makes defaulted fields optional', () => {
    const schema = toOpenApiSchema(
      z.object({
        replicas: z.int32().default(1),
        mode: z.enum(['A', 'B']).default('A'),
        nested: z.object({ x: z.string().default('q') }).default({ x: 'q' }),
        name: z.string(),
      }),
    );
    expect(schema.required).toEqual(['name']);
    expect(schema.properties?.replicas).toEqual({ type: 'integer', format: 'int32', default: 1 });
    expect(schema.properties?.mode?.default).toBe('A');
    expect(schema.properties?.nested).toEqual({
      type: 'object',
      default: { x: 'q' },
      properties: { x: { type: 'string', default: 'q' } },
    });
  });

  it('takes title and description from .meta() and drops annotations Kubernetes lacks', () => {
    expect(field(z.string().meta({ title: 'T', description: 'D', examples: ['e'], deprecated: true }))).toEqual({
      type: 'string',
      title: 'T',
      description: 'D',
    });
  });

  it('rejects what has no JSON or CRD form, naming the field', () => {
    expect(conversionError(z.object({ when: z.date() })).fieldPath).toBe('.spec.when');
    expect(conversionError(z.object({ big: z.bigint() })).fieldPath).toBe('.spec.big');
    expect(conversionError(z.object({ pair: z.tuple([z.string(), z.int()]) })).message).toContain('tuples');
    expect(conversionError(z.object({ either: z.union([z.string(), z.number()]) })).message).toContain(
      'union of string, number',
    );
  });
});

describe('zod to structural OpenAPI: objects, arrays and maps', () => {
  it('lists required fields; optional fields are not required; no additionalProperties: false', () => {
    const schema = toOpenApiSchema(z.strictObject({ a: z.string(), b: z.string().optional() }));
    expect(schema).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a'],
    });
  });

  it('inlines nested and shared objects (no $ref, no definitions)', () => {
    const endpoint = z.object({ host: z.string(), port: z.int32() });
    const schema = toOpenApiSchema(z.object({ a: endpoint, b: z.object({ inner: endpoint }) }));
    const expected = {
      type: 'object',
      properties: { host: { type: 'string' }, port: { type: 'integer', format: 'int32' } },
      required: ['host', 'port'],
    };
    expect(schema.properties?.a).toEqual(expected);
    expect(schema.properties?.b?.properties?.inner).toEqual(expected);
    expect(JSON.stringify(schema)).not.toMatch(/\$ref|definitions|\$schema/);
  });

  it('rejects recursive schemas', () => {
    interface Node {
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      get children() {
        return z.array(node);
      },
    });
    expect(conversionError(z.object({ tree: node })).message).toContain('recursive');
  });

  it('maps arrays with bounds and unique items', () => {
    expect(field(z.array(z.string()).min(1).max(3))).toEqual({
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
      maxItems: 3,
    });
  });

  it('maps records to additionalProperties', () => {
    expect(field(z.record(z.string(), z.int32()))).toEqual({
      type: 'object',
      additionalProperties: { type: 'integer', format: 'int32' },
    });
  });

  it('rejects an object with both properties and a catchall', () => {
    expect(conversionError(z.object({ a: z.string() }).catchall(z.string())).message).toContain('catchall');
  });

  it('merges a discriminated union into one object, requiring what every branch requires', () => {
    const schema = field(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('Secret'), secretName: z.string() }),
        z.object({ type: z.literal('Inline'), value: z.string(), note: z.string().optional() }),
      ]),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Secret', 'Inline'] },
        secretName: { type: 'string' },
        value: { type: 'string' },
        note: { type: 'string' },
      },
      required: ['type'],
    });
  });

  it('rejects a union whose branches give one field different schemas', () => {
    const schema = z.object({
      u: z.union([z.object({ a: z.string() }), z.object({ a: z.int() })]),
    });
    expect(conversionError(schema).fieldPath).toBe('.spec.u.a');
  });

  it('folds object intersections', () => {
    expect(field(z.object({ a: z.string() }).and(z.object({ b: z.string().optional() })))).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a'],
    });
  });
});

describe('zod to structural OpenAPI: Kubernetes extensions', () => {
  it('intOrString() and int | string become x-kubernetes-int-or-string with the canonical anyOf', () => {
    const expected = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    expect(field(intOrString())).toEqual(expected);
    expect(field(z.union([z.int(), z.string()]))).toEqual(expected);
    expect(field(intOrString().describe('Port.').nullable())).toEqual({
      ...expected,
      description: 'Port.',
      nullable: true,
    });
  });

  it('preserveUnknownFields() keeps unknown fields; z.unknown() is any JSON value', () => {
    expect(field(preserveUnknownFields())).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(field(preserveUnknownFields(z.object({ known: z.string() })))).toEqual({
      type: 'object',
      properties: { known: { type: 'string' } },
      required: ['known'],
      'x-kubernetes-preserve-unknown-fields': true,
    });
    expect(field(z.unknown())).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(field(z.looseObject({ a: z.string() }))?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
  });

  it('embeddedResource() marks an embedded object whose metadata is a plain object', () => {
    expect(field(embeddedResource())).toEqual({
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
      required: ['apiVersion', 'kind'],
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    });
    const typed = field(
      embeddedResource(
        z.object({ apiVersion: z.string(), kind: z.string(), metadata: z.object({ name: z.string() }) }),
      ),
    );
    expect(typed?.properties?.metadata).toEqual({ type: 'object' });
    expect(typed?.['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
  });

  it('listType() sets the list type and map keys; map keys must be required or defaulted', () => {
    const item = z.object({ name: z.string(), port: z.int32().optional() });
    expect(field(listType(z.array(item), 'map', ['name']))).toMatchObject({
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(field(listType(z.array(z.string()), 'set'))?.['x-kubernetes-list-type']).toBe('set');
    expect(field(listType(z.array(z.string()), 'atomic'))?.['x-kubernetes-list-type']).toBe('atomic');
    const optionalKey = z.object({ ports: listType(z.array(item), 'map', ['port']) });
    expect(conversionError(optionalKey).message).toContain('"port" must be required or have a default');
    const defaultedKey = z.object({ name: z.string(), protocol: z.string().default('TCP') });
    expect(field(listType(z.array(defaultedKey), 'map', ['name', 'protocol']))).toBeDefined();
  });

  it('mapType() sets x-kubernetes-map-type', () => {
    expect(field(mapType(z.object({ a: z.string() }), 'atomic'))?.['x-kubernetes-map-type']).toBe('atomic');
    expect(field(mapType(z.record(z.string(), z.string()), 'granular'))?.['x-kubernetes-map-type']).toBe('granular');
  });

  it('celRule() accumulates x-kubernetes-validations with all rule options, also through .optional()', () => {
    const schema = celRule(celRule(z.string(), 'self == oldSelf', 'is immutable'), 'size(self) <= 10', undefined, {
      messageExpression: "'too long: ' + self",
      reason: 'FieldValueForbidden',
      fieldPath: '.name',
    });
    const converted = toOpenApiSchema(z.object({ name: schema.optional() }));
    expect(converted.required).toBeUndefined();
    expect(converted.properties?.name).toEqual({
      type: 'string',
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf', message: 'is immutable' },
        {
          rule: 'size(self) <= 10',
          messageExpression: "'too long: ' + self",
          reason: 'FieldValueForbidden',
          fieldPath: '.name',
        },
      ],
    });
  });

  it('passes Kubernetes value validations given through .meta()', () => {
    expect(field(z.record(z.string(), z.string()).meta({ minProperties: 1 }))?.minProperties).toBe(1);
  });

  it('rejects misspelt Kubernetes extensions', () => {
    expect(conversionError(z.array(z.string()).meta({ 'x-kubernetes-list-typ': 'set' })).message).toContain(
      '"x-kubernetes-list-typ" is not supported',
    );
  });
});
