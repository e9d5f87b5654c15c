import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesLabelSelector, parseLabelSelector } from '../../src/cache/index.js';

const matches = (selector: string | Record<string, string>, labels?: Record<string, string>) =>
  matchesLabelSelector(parseLabelSelector(selector), labels);

describe('parseLabelSelector', () => {
  it('parses every operator of the API server syntax', () => {
    expect(
      parseLabelSelector('app=web, tier==front,env!=prod,region in (eu, us),zone notin (a),owner,!legacy'),
    ).toEqual([
      { key: 'app', operator: 'in', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['front'] },
      { key: 'env', operator: 'notin', values: ['prod'] },
      { key: 'region', operator: 'in', values: ['eu', 'us'] },
      { key: 'zone', operator: 'notin', values: ['a'] },
      { key: 'owner', operator: 'exists' },
      { key: 'legacy', operator: 'doesNotExist' },
    ]);
  });

  it('accepts prefixed keys and empty values', () => {
    expect(parseLabelSelector('cluster.x-k8s.io/cluster-name=c1,empty=')).toEqual([
      { key: 'cluster.x-k8s.io/cluster-name', operator: 'in', values: ['c1'] },
      { key: 'empty', operator: 'in', values: [''] },
    ]);
  });

  it('treats an empty selector as matching everything', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('  ')).toEqual([]);
    expect(parseLabelSelector({})).toEqual([]);
    expect(matches('', undefined)).toBe(true);
  });

  it.each([
    ['a=b,', 'empty requirement'],
    ['a in ()', 'needs at least one value'],
    ['a in (b', 'unbalanced'],
    ['a in ((b))', 'unbalanced'],
    ['a > 3', 'unrecognised'],
    ['-a=b', 'unrecognised'],
    ['a=b c', 'unrecognised'],
    ['a in (b c)', 'bad value'],
    [`a=${'x'.repeat(64)}`, 'unrecognised'],
  ])('rejects %s', (selector, why) => {
    expect(() => parseLabelSelector(selector)).toThrow(why);
  });

  it('rejects invalid keys and values in the record form', () => {
    expect(() => parseLabelSelector({ 'bad key': 'x' })).toThrow('bad key or value');
    expect(() => parseLabelSelector({ ok: 'bad value' })).toThrow('bad key or value');
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };

  it('follows the API server semantics for missing labels', () => {
    expect(matches('app=web', labels)).toBe(true);
    expect(matches('app=db', labels)).toBe(false);
    expect(matches('missing=x', labels)).toBe(false);
    expect(matches('app!=db', labels)).toBe(true);
    expect(matches('app!=web', labels)).toBe(false);
    expect(matches('missing!=x', labels)).toBe(true);
    expect(matches('app in (db,web)', labels)).toBe(true);
    expect(matches('app in (db)', labels)).toBe(false);
    expect(matches('app notin (db)', labels)).toBe(true);
    expect(matches('app notin (web)', labels)).toBe(false);
    expect(matches('missing notin (x)', labels)).toBe(true);
    expect(matches('tier', labels)).toBe(true);
    expect(matches('missing', labels)).toBe(false);
    expect(matches('!missing', labels)).toBe(true);
    expect(matches('!tier', labels)).toBe(false);
    expect(matches('app=web,!tier', labels)).toBe(false);
    expect(matches('app', undefined)).toBe(false);
    expect(matches('!app', undefined)).toBe(true);
  });

  const name = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
  const labelSet = fc.dictionary(name, name, { maxKeys: 5 });

  it('matches a record selector exactly when every pair is present and equal', () => {
    fc.assert(
      fc.property(labelSet, labelSet, (selector, labels) => {
        const expected = Object.entries(selector).every(([k, v]) => labels[k] === v);
        expect(matches(selector, labels)).toBe(expected);
      }),
    );
  });

  it('treats the string form k=v,... like the record form', () => {
    fc.assert(
      fc.property(labelSet, labelSet, (selector, labels) => {
        const text = Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        expect(matches(text, labels)).toBe(matches(selector, labels));
      }),
    );
  });

  it('makes notin the complement of in', () => {
    fc.assert(
      fc.property(name, fc.array(name, { minLength: 1, maxLength: 4 }), labelSet, (key, values, labels) => {
        const list = values.join(',');
        expect(matches(`${key} notin (${list})`, labels)).toBe(!matches(`${key} in (${list})`, labels));
      }),
    );
  });
});
