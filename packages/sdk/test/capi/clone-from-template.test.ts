import { describe, expect, it } from 'vitest';
import { generateFromTemplate, generateName } from '../../src/capi/index.js';

const purpleTemplate = {
  apiVersion: 'purple.io/v1',
  kind: 'PurpleTemplate',
  metadata: { name: 'purpleTemplate', namespace: 'default', uid: 'template-uid', resourceVersion: '7' },
  spec: {
    template: {
      metadata: {
        annotations: { 'test-template': 'annotations', precedence: 'template' },
        labels: { 'test-template': 'label', precedence: 'template' },
      },
      spec: { hello: 'world', nested: { list: [1, 2] } },
    },
  },
};
const owner = { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'bar', uid: 'cluster-uid' };

describe('generateFromTemplate (external.GenerateTemplate)', () => {
  it('produces the object Cluster API produces for its documented example', () => {
    const clone = generateFromTemplate({
      template: purpleTemplate,
      namespace: 'default',
      clusterName: 'bar',
      ownerRef: owner,
      labels: { precedence: 'input', 'cluster.x-k8s.io/cluster-name': 'should-be-overwritten' },
      annotations: { precedence: 'input', 'cluster.x-k8s.io/cloned-from-name': 'should-be-overwritten' },
    });
    expect(clone.metadata.name).toMatch(/^purpleTemplate-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(clone).toEqual({
      apiVersion: 'purple.io/v1',
      kind: 'Purple',
      metadata: {
        name: clone.metadata.name,
        namespace: 'default',
        labels: { 'test-template': 'label', precedence: 'input', 'cluster.x-k8s.io/cluster-name': 'bar' },
        annotations: {
          'test-template': 'annotations',
          precedence: 'input',
          'cluster.x-k8s.io/cloned-from-name': 'purpleTemplate',
          'cluster.x-k8s.io/cloned-from-groupkind': 'PurpleTemplate.purple.io',
        },
        ownerReferences: [owner],
      },
      spec: { hello: 'world', nested: { list: [1, 2] } },
    });
  });

  it('uses the given name, works without an owner, and does not share structure with a frozen template', () => {
    const frozen = structuredClone(purpleTemplate);
    Object.freeze(frozen.spec.template.spec.nested);
    const clone = generateFromTemplate({ template: frozen, namespace: 'other', name: 'exact', clusterName: 'c' });
    expect(clone.metadata.name).toBe('exact');
    expect(clone.metadata.namespace).toBe('other');
    expect(clone.metadata.ownerReferences).toBeUndefined();
    (clone.spec as { nested: { list: number[] } }).nested.list.push(3);
    expect(frozen.spec.template.spec.nested.list).toEqual([1, 2]);
  });

  it('tolerates a template without spec.template and kinds without the Template suffix', () => {
    const clone = generateFromTemplate({
      template: { apiVersion: 'yellow.io/v1', kind: 'Yellow', metadata: { name: 'y' } },
      namespace: 'default',
      clusterName: 'c',
    });
    expect(clone.kind).toBe('Yellow');
    expect(clone.spec).toBeUndefined();
    expect(clone.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'c' });
    expect(clone.metadata.annotations?.['cluster.x-k8s.io/cloned-from-groupkind']).toBe('Yellow.yellow.io');
  });

  it('takes apiVersion and kind from the template type when the template was read without them', () => {
    const { apiVersion: _a, kind: _k, ...bare } = purpleTemplate;
    const clone = generateFromTemplate({
      template: bare,
      templateType: { group: 'purple.io', version: 'v1', kind: 'PurpleTemplate' },
      namespace: 'default',
      clusterName: 'bar',
    });
    expect([clone.apiVersion, clone.kind]).toEqual(['purple.io/v1', 'Purple']);
    expect(() => generateFromTemplate({ template: bare, namespace: 'default', clusterName: 'x' })).toThrow(
      /apiVersion/,
    );
  });
});

describe('generateName (names.SimpleNameGenerator)', () => {
  it('appends five characters of the API server alphabet and keeps names within 63 characters', () => {
    expect(generateName('web-')).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const long = generateName(`${'a'.repeat(70)}-`);
    expect(long).toHaveLength(63);
    expect(long.startsWith('a'.repeat(58))).toBe(true);
    expect(new Set(Array.from({ length: 20 }, () => generateName('x-'))).size).toBeGreaterThan(1);
  });
});
