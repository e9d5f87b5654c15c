import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { apiVersionOf, type KubeObject, type ResourceType, resourcePath } from '../../src/client/index.js';
import {
  celRule,
  defineResource,
  type InferResource,
  ResourceValidationError,
  SchemaConversionError,
} from '../../src/resource/index.js';

const Widget = defineResource({
  group: 'example.capi-ts.dev',
  version: 'v1alpha1',
  kind: 'Widget',
  plural: 'widgets',
  shortNames: ['wd'],
  categories: ['cluster-api'],
  scope: 'Namespaced',
  description: 'A widget.',
  spec: z.object({
    replicas: z.int32().min(0).default(1),
    image: z.string().min(1),
    ports: z.array(z.object({ name: z.string(), port: z.int32().min(1).max(65535) })).optional(),
  }),
  status: z.object({ ready: z.boolean().optional() }),
  validations: [{ rule: 'self.metadata.name.size() < 20', message: 'name too long' }],
});
type Widget = InferResource<typeof Widget>;

describe('defineResource', () => {
  it('is a ResourceType usable by the client', () => {
    const type: ResourceType<Widget> = Widget;
    expect(apiVersionOf(type)).toBe('example.capi-ts.dev/v1alpha1');
    expect(resourcePath(type, 'ns', 'w')).toBe('/apis/example.capi-ts.dev/v1alpha1/namespaces/ns/widgets/w');
    expect(Widget.namespaced).toBe(true);
    expect(Widget.names).toEqual({
      kind: 'Widget',
      listKind: 'WidgetList',
      plural: 'widgets',
      singular: 'widget',
      shortNames: ['wd'],
      categories: ['cluster-api'],
    });
  });

  it('infers the object type from the schemas', () => {
    expectTypeOf<Widget['spec']['replicas']>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<Widget['status']>['ready']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Widget>().toExtend<KubeObject>();
  });

  it('parses a valid object, applying defaults and dropping unknown fields', () => {
    const parsed = Widget.parse({
      apiVersion: 'example.capi-ts.dev/v1alpha1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'ns', labels: { a: 'b' }, managedFields: [{}] },
      spec: { image: 'nginx', unknown: true },
    });
    expect(parsed.spec).toEqual({ replicas: 1, image: 'nginx' });
    expect(parsed.metadata).toEqual({ name: 'w', namespace: 'ns', labels: { a: 'b' }, managedFields: [{}] });
  });

  it('reports every issue with its path and the object name', () => {
    const result = Widget.safeParse({
      metadata: { name: 'w', namespace: 'ns' },
      spec: { replicas: -1, image: '', ports: [{ name: 'http', port: 70000 }] },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const error = result.error;
    expect(error).toBeInstanceOf(ResourceValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['spec.replicas', 'spec.image', 'spec.ports[0].port']);
    expect(error.message).toMatch(/^Widget "ns\/w" is invalid: spec\.replicas: Too small: expected number to be >=0;/);
    expect(error.message).toContain('spec.ports[0].port: Too big: expected number to be <=65535');
  });

  it('builds a typed object from input types, with type meta and defaults', () => {
    expectTypeOf<Parameters<typeof Widget.build>[0]['spec']['replicas']>().toEqualTypeOf<number | undefined>();
    const built = Widget.build({ metadata: { name: 'w', namespace: 'ns' }, spec: { image: 'nginx' } });
    expect(built).toEqual({
      apiVersion: 'example.capi-ts.dev/v1alpha1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'ns' },
      spec: { replicas: 1, image: 'nginx' },
    });
    expect(() => Widget.build({ metadata: { name: 'w' }, spec: { image: '' } })).toThrow(ResourceValidationError);
  });

  it('throws on parse, and rejects a wrong kind or a missing spec', () => {
    expect(() => Widget.parse({ metadata: { name: 'w' }, spec: { image: 1 } })).toThrow(
      /Widget "w" is invalid: spec\.image: Invalid input: expected string, received number/,
    );
    const wrongKind = Widget.safeParse({ kind: 'Gadget', metadata: {}, spec: { image: 'x' } });
    expect(wrongKind.success ? [] : wrongKind.error.issues.map((i) => i.path)).toEqual(['kind']);
    const noSpec = Widget.safeParse({ metadata: {} });
    expect(noSpec.success ? '' : noSpec.error.message).toBe(
      'Widget is invalid: spec: Invalid input: expected object, received undefined',
    );
  });

  it('builds the root schema: standard fields, spec required, status, root CEL rules', () => {
    const root = Widget.openApiSchema;
    expect(root.type).toBe('object');
    expect(root.description).toBe('A widget.');
    expect(root.required).toEqual(['spec']);
    expect(Object.keys(root.properties ?? {})).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(root.properties?.metadata).toEqual({ type: 'object' });
    expect(root.properties?.spec?.required).toEqual(['image']);
    expect(root['x-kubernetes-validations']).toEqual([
      { rule: 'self.metadata.name.size() < 20', message: 'name too long' },
    ]);
  });

  it('does not require spec when the spec schema accepts undefined', () => {
    const Thing = defineResource({
      group: 'example.capi-ts.dev',
      version: 'v1',
      kind: 'Thing',
      plural: 'things',
      scope: 'Cluster',
      spec: z.object({ a: z.string().default('x') }).default({ a: 'x' }),
    });
    expect(Thing.openApiSchema.required).toBeUndefined();
    expect(Thing.openApiSchema.properties?.spec?.default).toEqual({ a: 'x' });
    expect(Thing.parse({ metadata: { name: 't' } }).spec).toEqual({ a: 'x' });
    expect(Thing.namespaced).toBe(false);
  });

  it('serves /status when there is a status schema, unless turned off; adds /scale when asked', () => {
    expect(Widget.subresources).toEqual({ status: {} });
    const base = {
      group: 'example.capi-ts.dev',
      version: 'v1',
      kind: 'Thing',
      plural: 'things',
      scope: 'Namespaced' as const,
      spec: z.object({ replicas: z.int32().optional() }),
    };
    expect(defineResource(base).subresources).toBeUndefined();
    expect(
      defineResource({ ...base, status: z.object({}), subresources: { status: false } }).subresources,
    ).toBeUndefined();
    const scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };
    expect(defineResource({ ...base, subresources: { scale } }).subresources).toEqual({ scale });
  });

  it('rejects invalid names', () => {
    const base = { version: 'v1', scope: 'Namespaced' as const, spec: z.object({}) };
    expect(() => defineResource({ ...base, group: 'nodot', kind: 'Thing', plural: 'things' })).toThrow(
      'group "nodot" must contain a dot',
    );
    expect(() => defineResource({ ...base, group: 'a.b', kind: 'thing', plural: 'Things' })).toThrow(
      /plural "Things" must be a lower-case DNS label; kind "thing" must be CamelCase/,
    );
  });

  it('fails at definition time when the schema cannot become a CRD', () => {
    expect(() =>
      defineResource({
        group: 'a.b',
        version: 'v1',
        kind: 'Thing',
        plural: 'things',
        scope: 'Namespaced',
        spec: z.object({ at: celRule(z.date(), 'true') }),
      }),
    ).toThrow(SchemaConversionError);
  });
});
