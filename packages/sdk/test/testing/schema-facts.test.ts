import { describe, expect, it } from 'vitest';
import type { JsonSchemaProps } from '../../src/index.js';
import { crdSchemaFacts, schemaCompatibilityProblems } from '../../src/testing/index.js';

const schema: JsonSchemaProps = {
  type: 'object',
  required: ['spec', 'kind'],
  properties: {
    kind: { type: 'string' },
    spec: {
      type: 'object',
      properties: {
        risk: { type: 'string', enum: ['stable', 'edge'], default: 'stable' },
        ttl: { type: 'integer', format: 'int64', minimum: 1 },
        port: { 'x-kubernetes-int-or-string': true },
        files: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', maxLength: 9 } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { 'x-kubernetes-preserve-unknown-fields': true },
      },
      'x-kubernetes-validations': [{ rule: 'self.ttl > 0', message: 'positive' }],
    },
  },
};

describe('crdSchemaFacts', () => {
  it('flattens every property path with its facts', () => {
    expect(crdSchemaFacts(schema)).toEqual({
      '.': { type: 'object', required: ['kind', 'spec'] },
      '.kind': { type: 'string' },
      '.spec': {
        type: 'object',
        rules: [{ rule: 'self.ttl > 0', message: 'positive' }],
        restrictions: ['x-kubernetes-validations'],
      },
      '.spec.risk': { type: 'string', enum: ['stable', 'edge'], default: 'stable' },
      '.spec.ttl': { type: 'integer', format: 'int64', minimum: 1 },
      '.spec.port': { type: 'int-or-string' },
      '.spec.files': { type: 'array' },
      '.spec.files[*]': { type: 'object' },
      '.spec.files[*].path': { type: 'string', restrictions: ['maxLength'] },
      '.spec.labels': { type: 'object' },
      '.spec.labels{*}': { type: 'string' },
      '.spec.raw': { type: 'any' },
    });
  });
});

describe('schemaCompatibilityProblems', () => {
  const ours = crdSchemaFacts(schema);

  it('finds nothing when upstream has the same facts (enum order and empty lists aside)', () => {
    const upstream = {
      '.': { type: 'object', required: ['spec', 'kind'] },
      '.spec': { type: 'object', required: [], rules: [{ rule: 'self.ttl > 0', message: 'positive' }] },
      '.spec.risk': { type: 'string', enum: ['edge', 'stable'], default: 'stable' },
      '.spec.files[*].path': { type: 'string', restrictions: ['maxLength'] },
    };
    expect(schemaCompatibilityProblems(ours, upstream, { forbidNewRestrictions: false })).toEqual([]);
  });

  it('reports missing paths, differing facts, missing rules and added restrictions', () => {
    const upstream = {
      '.spec.gone': { type: 'string' },
      '.spec.risk': { type: 'string', enum: ['stable'], default: 'edge' },
      '.spec.ttl': { type: 'integer', format: 'int64' },
      '.spec': { type: 'object', rules: [{ rule: 'has(self.risk)' }] },
      '.spec.files[*].path': { type: 'string' },
    };
    expect(schemaCompatibilityProblems(ours, upstream)).toEqual([
      '.spec.gone: missing',
      '.spec.risk: enum ["stable","edge"], upstream ["stable"]',
      '.spec.risk: default "stable", upstream "edge"',
      '.spec.ttl: minimum 1, upstream undefined',
      '.spec: CEL rule missing: has(self.risk)',
      '.spec: adds x-kubernetes-validations',
      '.spec.files[*].path: adds maxLength',
    ]);
  });

  it('compares only the facts asked for', () => {
    const upstream = { '.spec.ttl': { type: 'integer' } };
    expect(schemaCompatibilityProblems(ours, upstream, { compare: ['type'] })).toEqual([]);
    expect(schemaCompatibilityProblems(ours, upstream)).toHaveLength(2);
  });
});
