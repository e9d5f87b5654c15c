import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, KubeClient, type KubeObject, resourceType } from '../../src/client/index.js';
import { CONVERSION_DATA_ANNOTATION, conversionWebhook } from '../../src/conversion/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createCertificateAuthority, issueCertificate } from '../../src/pki/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { WebhookServer } from '../../src/webhooks/index.js';
import { GROUP, type WidgetV1alpha1, type WidgetV1alpha2, widgetConversion } from './widgets.js';

const v1alpha1 = resourceType<WidgetV1alpha1>(`${GROUP}/v1alpha1`, 'Widget', 'widgets', true);
const v1alpha2 = resourceType<WidgetV1alpha2>(`${GROUP}/v1alpha2`, 'Widget', 'widgets', true);

const schema = (spec: Record<string, unknown>) => ({
  openAPIV3Schema: {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: spec },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  },
});

/** Two versions; v1alpha2 is stored and converted by the webhook at `url`. */
function widgetCrd(url: string, caBundle: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      conversion: {
        strategy: 'Webhook',
        webhook: { clientConfig: { url, caBundle }, conversionReviewVersions: ['v1'] },
      },
      versions: [
        { name: 'v1alpha1', served: true, storage: false, schema: schema({ a: { type: 'string' } }) },
        {
          name: 'v1alpha2',
          served: true,
          storage: true,
          schema: schema({ title: { type: 'string' }, b: { type: 'integer' } }),
        },
      ],
    },
  };
}

function conversionData(object: KubeObject): unknown {
  const text = object.metadata.annotations?.[CONVERSION_DATA_ANNOTATION];
  return text === undefined ? undefined : JSON.parse(text);
}

describe('A real conversion round trip', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  let server: WebhookServer;
  const stop = new AbortController();
  let running: Promise<void>;

  beforeAll(async () => {
    const ca = await createCertificateAuthority('conversion-webhook-ca', { keyAlgorithm: 'ecdsa' });
    const serving = await issueCertificate(ca, {
      commonName: 'conversion-webhook',
      ipAddresses: ['127.0.0.1'],
      usages: ['server'],
      keyAlgorithm: 'ecdsa',
    });
    server = new WebhookServer({ host: '127.0.0.1', port: 0, cert: serving, logger: silentLogger() });
    server.register('/convert', conversionWebhook(widgetConversion));
    running = server.start(stop.signal);
    const port = await server.whenListening();
    env = await startTestEnvironment();
    const caBundle = Buffer.from(ca.cert).toString('base64');
    await env.installCrds([widgetCrd(`https://127.0.0.1:${port}/convert`, caBundle)]);
    client = new KubeClient(env.kubeConfig);
  });

  afterAll(async () => {
    await env?.stop();
    stop.abort();
    await running;
  });

  it('keeps a field v1alpha1 lacks through a read and an update via v1alpha1', async () => {
    const created = await client.create(v1alpha2, {
      metadata: { name: 'lossless', namespace: 'default', labels: { app: 'demo' } },
      spec: { title: 'first', b: 7 },
      status: { ready: true },
    });

    const old = await client.get(v1alpha1, { namespace: 'default', name: 'lossless' });
    expect(old.apiVersion).toBe(`${GROUP}/v1alpha1`);
    expect(old.spec).toEqual({ a: 'first' });
    expect(old.metadata.labels).toEqual({ app: 'demo' });
    expect(old.metadata.uid).toBe(created.metadata.uid);
    expect(conversionData(old)).toMatchObject({ spec: { title: 'first', b: 7 } });

    const updated = await client.update(v1alpha1, { ...old, spec: { a: 'second' } });
    expect(updated.spec).toEqual({ a: 'second' });

    const hub = await client.get(v1alpha2, { namespace: 'default', name: 'lossless' });
    expect(hub.spec).toEqual({ title: 'second', b: 7 });
    expect(hub.metadata.annotations).toBeUndefined();
    expect(hub.metadata.generation).toBe(2);
  });

  it('keeps it through a merge patch via v1alpha1 too', async () => {
    await client.create(v1alpha2, { metadata: { name: 'patched', namespace: 'default' }, spec: { title: 'x', b: 1 } });
    await client.mergePatch(v1alpha1, { namespace: 'default', name: 'patched' }, { spec: { a: 'y' } });
    const hub = await client.get(v1alpha2, { namespace: 'default', name: 'patched' });
    expect(hub.spec).toEqual({ title: 'y', b: 1 });
  });

  it('reads objects back losslessly in either version, one by one and in lists', async () => {
    await client.create(v1alpha1, { metadata: { name: 'from-old', namespace: 'default' }, spec: { a: 'legacy' } });
    await client.create(v1alpha2, { metadata: { name: 'from-new', namespace: 'default' }, spec: { title: 'n', b: 3 } });

    const fromOldAsHub = await client.get(v1alpha2, { namespace: 'default', name: 'from-old' });
    expect(fromOldAsHub.spec).toEqual({ title: 'legacy' });
    const fromOldAsOld = await client.get(v1alpha1, { namespace: 'default', name: 'from-old' });
    expect(fromOldAsOld.spec).toEqual({ a: 'legacy' });
    expect(fromOldAsOld.metadata.annotations).toBeUndefined();

    const oldList = await client.list(v1alpha1, { namespace: 'default' });
    const hubList = await client.list(v1alpha2, { namespace: 'default' });
    expect(oldList.items.map((w) => w.metadata.name).sort()).toEqual(hubList.items.map((w) => w.metadata.name).sort());
    for (const old of oldList.items) {
      const hub = hubList.items.find((h) => h.metadata.name === old.metadata.name) as WidgetV1alpha2;
      expect(old.apiVersion).toBe(`${GROUP}/v1alpha1`);
      // What the old version shows, converted back up locally, is exactly what the API server stores.
      const { apiVersion, kind, spec, status } = widgetConversion.convert(old, `${GROUP}/v1alpha2`);
      expect({ apiVersion, kind, spec, status }).toEqual({
        apiVersion: hub.apiVersion,
        kind: hub.kind,
        spec: hub.spec,
        status: hub.status,
      });
    }
  });

  it('fails the request with the webhook message when an object cannot be converted', async () => {
    const corrupt = {
      metadata: { name: 'corrupt', namespace: 'default', annotations: { [CONVERSION_DATA_ANNOTATION]: 'not json' } },
      spec: { a: 'x' },
    };
    const error = await client.create(v1alpha1, corrupt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('annotation cluster.x-k8s.io/conversion-data is not JSON');
  });
});
