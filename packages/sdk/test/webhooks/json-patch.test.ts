import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonPatch, escapePointerToken, jsonEqual } from '../../src/webhooks/index.js';
import { applyJsonPatch } from './apply-json-patch.js';

describe('escapePointerToken', () => {
  it('escapes ~ before /, as RFC 6901 requires', () => {
    expect(escapePointerToken('cluster.x-k8s.io/provider')).toBe('cluster.x-k8s.io~1provider');
    expect(escapePointerToken('a~b')).toBe('a~0b');
    expect(escapePointerToken('~1')).toBe('~01');
    expect(escapePointerToken('/~/')).toBe('~1~0~1');
    expect(escapePointerToken('')).toBe('');
  });
});

describe('createJsonPatch', () => {
  it('returns no operation for equal values, whatever the key order', () => {
    expect(createJsonPatch({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
  });

  it('adds, removes and replaces object members', () => {
    const patch = createJsonPatch({ spec: { a: 1, b: 2 } }, { spec: { a: 3, c: 4 } });
    expect(patch).toEqual([
      { op: 'replace', path: '/spec/a', value: 3 },
      { op: 'remove', path: '/spec/b' },
      { op: 'add', path: '/spec/c', value: 4 },
    ]);
  });

  it('adds a whole missing object in one operation', () => {
    expect(createJsonPatch({ metadata: { name: 'x' } }, { metadata: { name: 'x', labels: { a: 'b' } } })).toEqual([
      { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
    ]);
  });

  it('escapes keys with / and ~ in paths', () => {
    const from = { metadata: { annotations: { 'example.com/keep': 'x' } } };
    const to = { metadata: { annotations: { 'example.com/keep': 'x', 'example.com/new': 'y', 'a~b': 'z' } } };
    expect(createJsonPatch(from, to)).toEqual([
      { op: 'add', path: '/metadata/annotations/example.com~1new', value: 'y' },
      { op: 'add', path: '/metadata/annotations/a~0b', value: 'z' },
    ]);
  });

  it('grows an array in ascending order and shrinks it from the end', () => {
    expect(createJsonPatch([1, 2], [1, 3, 4, 5])).toEqual([
      { op: 'replace', path: '/1', value: 3 },
      { op: 'add', path: '/2', value: 4 },
      { op: 'add', path: '/3', value: 5 },
    ]);
    expect(createJsonPatch({ l: [1, 2, 3, 4] }, { l: [1] })).toEqual([
      { op: 'remove', path: '/l/3' },
      { op: 'remove', path: '/l/2' },
      { op: 'remove', path: '/l/1' },
    ]);
  });

  it('diffs inside array elements', () => {
    expect(createJsonPatch({ l: [{ a: 1, b: 1 }] }, { l: [{ a: 1, b: 2 }] })).toEqual([
      { op: 'replace', path: '/l/0/b', value: 2 },
    ]);
  });

  it('replaces a value whose shape changes, and the root itself', () => {
    expect(createJsonPatch({ a: [1] }, { a: { 0: 1 } })).toEqual([{ op: 'replace', path: '/a', value: { 0: 1 } }]);
    expect(createJsonPatch({ a: null }, { a: 0 })).toEqual([{ op: 'replace', path: '/a', value: 0 }]);
    expect(createJsonPatch([1], { a: 1 })).toEqual([{ op: 'replace', path: '', value: { a: 1 } }]);
  });

  it('treats properties holding undefined as absent', () => {
    expect(createJsonPatch({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(createJsonPatch({ a: 1 }, { a: undefined })).toEqual([{ op: 'remove', path: '/a' }]);
  });

  it('keeps a "__proto__" key an ordinary member', () => {
    const to = JSON.parse('{"__proto__": {"x": 1}}');
    const patch = createJsonPatch({}, to);
    expect(patch).toEqual([{ op: 'add', path: '/__proto__', value: { x: 1 } }]);
    expect(jsonEqual(applyJsonPatch({}, patch), to)).toBe(true);
  });
});

/** JSON values over a small key alphabet, so that two generated values share structure and differ in details. */
const keys = fc.constantFrom('a', 'b', 'c', 'x/y', '~', '~1', '~0/', '', '__proto__', '-', '0');
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('s', 't', ''), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('createJsonPatch, property-based', () => {
  it('applying the diff to the original yields the target (unrelated values)', () => {
    fc.assert(
      fc.property(json, json, (from, to) => {
        const patched = applyJsonPatch(from, createJsonPatch(from, to));
        expect(jsonEqual(patched, to)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('applying the diff to the original yields the target (Kubernetes-like objects that differ a little)', () => {
    const object = fc.record({
      metadata: fc.record({ name: fc.constant('w'), annotations: fc.dictionary(keys, fc.string(), { maxKeys: 4 }) }),
      spec: fc.dictionary(keys, json, { maxKeys: 5 }),
    });
    fc.assert(
      fc.property(object, object, fc.boolean(), (from, other, shareSpec) => {
        const to = shareSpec ? { ...other, spec: { ...from.spec, ...other.spec } } : other;
        const patch = createJsonPatch(from, to);
        expect(jsonEqual(applyJsonPatch(from, patch), to)).toBe(true);
        expect(createJsonPatch(to, to)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is empty exactly when the values are equal', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(createJsonPatch(a, b).length === 0).toBe(jsonEqual(a, b));
      }),
    );
  });
});
