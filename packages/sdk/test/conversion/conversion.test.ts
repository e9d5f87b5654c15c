import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/client/index.js';
import {
  CONVERSION_DATA_ANNOTATION,
  type ConversionReview,
  conversionWebhook,
  defineConversion,
  expectLosslessRoundTrip,
  marshalData,
  restoreLostFields,
  unmarshalData,
} from '../../src/conversion/index.js';
import { silentLogger } from '../../src/log/index.js';
import { WebhookRequestError } from '../../src/webhooks/index.js';
import { GROUP, widgetConversion } from './widgets.js';

const v1 = `${GROUP}/v1alpha1`;
const v2 = `${GROUP}/v1alpha2`;
const metadata = {
  name: 'w1',
  namespace: 'default',
  uid: '0b1c',
  resourceVersion: '42',
  labels: { app: 'x' },
  annotations: { 'example.com/keep': 'yes' },
};
const hubWidget: KubeObject = {
  apiVersion: v2,
  kind: 'Widget',
  metadata,
  spec: { title: 't', b: 7 },
  status: { ready: true },
};

describe('marshalData / unmarshalData', () => {
  it('store the source without metadata in the annotation, and take it out again', () => {
    const spoke: KubeObject = { apiVersion: v1, kind: 'Widget', metadata: { name: 'w1' }, spec: { a: 't' } };
    const marked = marshalData(hubWidget, spoke);
    expect(spoke.metadata.annotations).toBeUndefined();
    expect(JSON.parse(marked.metadata.annotations?.[CONVERSION_DATA_ANNOTATION] ?? '')).toEqual({
      apiVersion: v2,
      kind: 'Widget',
      spec: { title: 't', b: 7 },
      status: { ready: true },
    });
    const { object, data } = unmarshalData(marked);
    expect(object).toEqual(spoke);
    expect(data?.spec).toEqual({ title: 't', b: 7 });
    expect(unmarshalData(spoke)).toEqual({ object: spoke });
  });

  it('refuse an annotation that is not a JSON object', () => {
    const broken = { ...hubWidget, metadata: { annotations: { [CONVERSION_DATA_ANNOTATION]: '{' } } };
    expect(() => unmarshalData(broken)).toThrow(/not JSON/);
    const scalar = { ...hubWidget, metadata: { annotations: { [CONVERSION_DATA_ANNOTATION]: '3' } } };
    expect(() => unmarshalData(scalar)).toThrow(/JSON object/);
  });
});

describe('restoreLostFields', () => {
  it('brings back what the spoke could not carry and keeps what the spoke changed', () => {
    const stored = { spec: { title: 'x', b: 5, list: [1, 2] } };
    const base = { spec: { title: 'x' } };
    expect(restoreLostFields({ spec: { title: 'x' } }, base, stored)).toEqual(stored);
    expect(restoreLostFields({ spec: { title: 'y' } }, base, stored)).toEqual({
      spec: { title: 'y', b: 5, list: [1, 2] },
    });
    expect(restoreLostFields({ spec: {} }, base, stored)).toEqual({ spec: { b: 5, list: [1, 2] } });
    expect(restoreLostFields({ spec: { title: 'x', extra: 1 } }, base, stored)).toEqual({
      spec: { title: 'x', extra: 1, b: 5, list: [1, 2] },
    });
  });

  it('lets a spoke edit win over a stored value at the same spot', () => {
    // The spoke shows `mode` truncated; the user changed it, so the stored detail no longer applies.
    const stored = { mode: { name: 'fast', level: 3 } };
    const base = { mode: { name: 'fast' } };
    expect(restoreLostFields({ mode: { name: 'slow' } }, base, stored)).toEqual({ mode: { name: 'slow', level: 3 } });
    expect(restoreLostFields({ mode: 'none' }, base, stored)).toEqual({ mode: 'none' });
  });
});

describe('defineConversion', () => {
  it('down-converts with the lost fields in the annotation, keeping metadata', () => {
    const spoke = widgetConversion.convert(hubWidget, v1);
    expect(spoke.apiVersion).toBe(v1);
    expect(spoke.kind).toBe('Widget');
    expect(spoke.spec).toEqual({ a: 't' });
    expect(spoke.status).toEqual({ ready: true });
    const { [CONVERSION_DATA_ANNOTATION]: data, ...others } = spoke.metadata.annotations ?? {};
    expect(others).toEqual(metadata.annotations);
    expect(JSON.parse(data ?? '').spec).toEqual({ title: 't', b: 7 });
    expect({ ...spoke.metadata, annotations: others }).toEqual(metadata);
  });

  it('adds no annotation when nothing is lost', () => {
    const spoke = widgetConversion.convert({ ...hubWidget, spec: { title: 't' } }, v1);
    expect(spoke.metadata.annotations).toEqual(metadata.annotations);
  });

  it('restores the lost fields on the way up, with the spoke edits applied, and drops the annotation', () => {
    const spoke = widgetConversion.convert(hubWidget, v1);
    const edited = { ...spoke, spec: { a: 'edited' } };
    const hub = widgetConversion.convert(edited, v2);
    expect(hub).toEqual({ ...hubWidget, spec: { title: 'edited', b: 7 } });
  });

  it('restores from data stored at a spoke version too (the hub moved on since)', () => {
    const older: KubeObject = { apiVersion: v1, kind: 'Widget', metadata: {}, spec: { a: 'old' } };
    const withData = marshalData(older, { ...older, metadata: { name: 'w1' } });
    expect(widgetConversion.convert(withData, v2)).toEqual({
      apiVersion: v2,
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { title: 'old' },
    });
  });

  it('returns an object already at the desired version as it is', () => {
    expect(widgetConversion.convert(hubWidget, v2)).toBe(hubWidget);
  });

  it('converts spoke to spoke through the hub', () => {
    const three = defineConversion<KubeObject>({
      hub: { apiVersion: 'example.com/v3' },
      spokes: [
        {
          apiVersion: 'example.com/v1',
          toHub: (o) => ({ ...o, spec: { size: { value: (o.spec as { size: number }).size } } }),
          fromHub: (o) => ({ ...o, spec: { size: (o.spec as { size: { value: number } }).size.value } }),
        },
        {
          apiVersion: 'example.com/v2',
          toHub: (o) => ({ ...o, spec: { size: { value: Number((o.spec as { size: string }).size) } } }),
          fromHub: (o) => ({ ...o, spec: { size: String((o.spec as { size: { value: number } }).size.value) } }),
        },
      ],
    });
    const v1Object: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 't' },
      spec: { size: 3 },
    };
    expect(three.convert(v1Object, 'example.com/v2')).toEqual({
      ...v1Object,
      apiVersion: 'example.com/v2',
      spec: { size: '3' },
    });
    expect(three.apiVersions).toEqual(['example.com/v3', 'example.com/v1', 'example.com/v2']);
    expect(three.handles('example.com/v2', 'Anything')).toBe(true);
    expect(widgetConversion.handles(v1, 'Gadget')).toBe(false);
  });

  it('keeps metadata even when a spoke function rewrites it', () => {
    const meddling = defineConversion<KubeObject>({
      hub: { apiVersion: 'example.com/v2' },
      spokes: [
        {
          apiVersion: 'example.com/v1',
          toHub: (o) => ({ ...o, metadata: { name: 'other', labels: { injected: 'yes' } } }),
          fromHub: (o) => o,
        },
      ],
    });
    const object: KubeObject = { apiVersion: 'example.com/v1', kind: 'T', metadata: { name: 'x', uid: 'u' } };
    expect(meddling.convert(object, 'example.com/v2').metadata).toEqual({ name: 'x', uid: 'u' });
  });

  it('rejects unknown versions and bad definitions', () => {
    expect(() => widgetConversion.convert(hubWidget, `${GROUP}/v9`)).toThrow(/unknown apiVersion/);
    const spoke = { apiVersion: 'example.com/v1', toHub: (o: KubeObject) => o, fromHub: (o: KubeObject) => o };
    expect(() => defineConversion({ hub: { apiVersion: 'example.com/v2' }, spokes: [spoke, spoke] })).toThrow(/twice/);
    expect(() => defineConversion({ hub: { apiVersion: 'other.com/v2' }, spokes: [spoke] })).toThrow(/group/);
  });
});

describe('expectLosslessRoundTrip', () => {
  const text = fc.option(fc.string({ maxLength: 8 }), { nil: undefined });
  const status = fc.option(fc.record({ ready: fc.boolean() }, { requiredKeys: [] }), { nil: undefined });
  const annotations = fc.option(fc.dictionary(fc.constantFrom('a', 'example.com/b'), fc.string({ maxLength: 4 })), {
    nil: undefined,
  });
  const meta = fc.record({ name: fc.constant('w'), annotations }, { requiredKeys: ['name'] });
  const arbitraries = {
    hub: fc.record({
      metadata: meta,
      spec: fc.record({ title: text, b: fc.option(fc.integer(), { nil: undefined }) }),
      status,
    }),
    spokes: { [v1]: fc.record({ metadata: meta, spec: fc.record({ a: text }), status }) },
  };

  it('passes for a lossless conversion', () => {
    expectLosslessRoundTrip(widgetConversion, arbitraries, { numRuns: 300 });
  });

  it('fails with the difference when a spoke field has no place in the hub', () => {
    const lossy = defineConversion<KubeObject>({
      hub: { apiVersion: `${GROUP}/v1alpha2`, kind: 'Widget' },
      spokes: [
        {
          apiVersion: v1,
          toHub: (w) => ({ ...w, spec: {} }),
          fromHub: (w) => ({ ...w, spec: {} }),
        },
      ],
    });
    expect(() => expectLosslessRoundTrip(lossy, arbitraries, { numRuns: 100 })).toThrow(
      /v1alpha1→.*v1alpha2→.*v1alpha1 is not lossless/,
    );
  });

  it('fails when a conversion changes metadata', () => {
    const relabelling = defineConversion<KubeObject>({
      hub: { apiVersion: `${GROUP}/v1alpha2`, kind: 'Widget' },
      spokes: [{ apiVersion: v1, toHub: (w) => w, fromHub: (w) => w }],
    });
    const patched = {
      ...relabelling,
      convert: (o: KubeObject, v: string) => ({ ...relabelling.convert(o, v), metadata: {} }),
    };
    expect(() => expectLosslessRoundTrip(patched, arbitraries, { numRuns: 20 })).toThrow(/changed metadata/);
  });

  it('needs an arbitrary for every spoke', () => {
    expect(() => expectLosslessRoundTrip(widgetConversion, { hub: arbitraries.hub, spokes: {} })).toThrow(
      /no arbitrary/,
    );
  });
});

describe('conversionWebhook', () => {
  const handler = conversionWebhook(widgetConversion);
  const context = { logger: silentLogger() };
  const review = (desiredAPIVersion: string, objects: unknown[]) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'c-1', desiredAPIVersion, objects },
  });

  it('converts every object to the desired version and echoes the uid', async () => {
    const spoke = widgetConversion.convert(hubWidget, v1);
    const answer = (await handler(review(v1, [hubWidget, spoke]), context)) as ConversionReview;
    expect(answer.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(answer.kind).toBe('ConversionReview');
    expect(answer.response?.uid).toBe('c-1');
    expect(answer.response?.result).toEqual({ status: 'Success' });
    expect(answer.response?.convertedObjects).toEqual([spoke, spoke]);
  });

  it('reports a Failure naming the object that cannot be converted', async () => {
    const gadget = { apiVersion: v1, kind: 'Gadget', metadata: { name: 'g', namespace: 'ns' } };
    const answer = (await handler(review(v2, [hubWidget, gadget]), context)) as ConversionReview;
    expect(answer.response?.uid).toBe('c-1');
    expect(answer.response?.convertedObjects).toEqual([]);
    expect(answer.response?.result).toEqual({
      status: 'Failure',
      message: expect.stringMatching(/^converting Gadget ns\/g: no conversion from .*v1alpha1 to .*v1alpha2$/),
    });
    const corrupt = {
      ...hubWidget,
      apiVersion: v1,
      metadata: { name: 'c', annotations: { [CONVERSION_DATA_ANNOTATION]: 'x' } },
    };
    const failed = (await handler(review(v2, [corrupt]), context)) as ConversionReview;
    expect(failed.response?.result).toMatchObject({ status: 'Failure', message: expect.stringContaining('not JSON') });
  });

  it('refuses a body that is not a ConversionReview v1', async () => {
    expect(() => handler({ kind: 'ConversionReview', apiVersion: 'apiextensions.k8s.io/v1beta1' }, context)).toThrow(
      WebhookRequestError,
    );
    expect(() => handler(review(v1, [42]), context)).toThrow(/objects/);
  });
});
