import { describe, expect, it } from 'vitest';
import {
  metav1ConditionListSchema,
  metav1ConditionSchema,
  v1beta1ConditionListSchema,
  v1beta1ConditionSchema,
} from '../../src/conditions/schemas.js';
import { toOpenApiSchema } from '../../src/resource/zod-to-openapi.js';

const condition = {
  type: 'Ready',
  status: 'True',
  lastTransitionTime: '2026-01-02T03:04:05Z',
  reason: 'Ready',
  message: '',
};

describe('metav1ConditionSchema', () => {
  it('accepts a condition and rejects a bad status, reason or type', () => {
    const schema = metav1ConditionSchema();
    expect(schema.safeParse(condition).success).toBe(true);
    expect(schema.safeParse({ ...condition, status: 'Maybe' }).success).toBe(false);
    expect(schema.safeParse({ ...condition, reason: '' }).success).toBe(false);
    expect(schema.safeParse({ ...condition, reason: 'has space' }).success).toBe(false);
    expect(schema.safeParse({ ...condition, type: '-leading' }).success).toBe(false);
    expect(schema.safeParse({ ...condition, observedGeneration: -1 }).success).toBe(false);
  });

  it('emits descriptions and the int64 format by default, and neither when not annotated', () => {
    const annotated = toOpenApiSchema(metav1ConditionSchema());
    expect(annotated.description).toBe('A metav1.Condition.');
    expect(annotated.properties?.observedGeneration).toMatchObject({ type: 'integer', format: 'int64', minimum: 0 });
    expect(annotated.required).toEqual(['type', 'status', 'lastTransitionTime', 'reason', 'message']);
    const bare = toOpenApiSchema(metav1ConditionSchema({ annotated: false }));
    expect(bare.description).toBeUndefined();
    expect(bare.properties?.observedGeneration).toEqual({ type: 'integer', minimum: 0 });
    expect(bare.properties?.reason).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
    });
  });
});

describe('metav1ConditionListSchema', () => {
  it('is a map list keyed by type of at most 32 by default', () => {
    const list = toOpenApiSchema(metav1ConditionListSchema());
    expect(list).toMatchObject({ type: 'array', maxItems: 32, 'x-kubernetes-list-type': 'map' });
    expect(list['x-kubernetes-list-map-keys']).toEqual(['type']);
    const tooMany = Array.from({ length: 33 }, (_, i) => ({ ...condition, type: `T${i}` }));
    expect(metav1ConditionListSchema().safeParse(tooMany).success).toBe(false);
  });

  it('is a plain array when not keyed by type', () => {
    const list = toOpenApiSchema(metav1ConditionListSchema({ keyedByType: false, annotated: false }));
    expect(list.maxItems).toBeUndefined();
    expect(list['x-kubernetes-list-type']).toBeUndefined();
    expect(list.items).toEqual(toOpenApiSchema(metav1ConditionSchema({ annotated: false })));
  });
});

describe('v1beta1ConditionSchema', () => {
  const v1beta1 = { type: 'Ready', status: 'False', severity: 'Warning', lastTransitionTime: '2026-01-02T03:04:05Z' };

  it('accepts a condition with severity, only type, status and time required', () => {
    expect(v1beta1ConditionSchema().safeParse(v1beta1).success).toBe(true);
    expect(v1beta1ConditionSchema().safeParse({ type: 'Ready', status: 'True' }).success).toBe(false);
    expect(toOpenApiSchema(v1beta1ConditionSchema()).required).toEqual(['type', 'status', 'lastTransitionTime']);
  });

  it('is unbounded by default and carries Cluster API v1.11 bounds on request', () => {
    const long = { ...v1beta1, message: 'x'.repeat(10241) };
    expect(v1beta1ConditionSchema().safeParse(long).success).toBe(true);
    expect(v1beta1ConditionSchema({ bounded: true }).safeParse(long).success).toBe(false);
    expect(v1beta1ConditionSchema({ bounded: true }).safeParse({ ...v1beta1, type: '' }).success).toBe(false);
    const bounded = toOpenApiSchema(v1beta1ConditionSchema({ bounded: true, annotated: false }));
    expect(bounded.properties?.severity).toEqual({ type: 'string', maxLength: 32 });
    expect(bounded.properties?.type).toEqual({ type: 'string', minLength: 1, maxLength: 256 });
  });

  it('lists as a plain array', () => {
    expect(toOpenApiSchema(v1beta1ConditionListSchema()).type).toBe('array');
    expect(v1beta1ConditionListSchema().safeParse([v1beta1]).success).toBe(true);
  });
});
