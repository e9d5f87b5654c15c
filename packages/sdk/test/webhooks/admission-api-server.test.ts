import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, KubeClient, type KubeObject, resourceType } from '../../src/client/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createCertificateAuthority, issueCertificate } from '../../src/pki/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import {
  type AdmissionContext,
  defaultingWebhook,
  FieldPath,
  field,
  validatingWebhook,
  WebhookServer,
} from '../../src/webhooks/index.js';

const GROUP = 'admission.test.capi-ts.io';
const DEFAULTED = `${GROUP}/defaulted`;

const gadgetSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string().optional(), annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.object({ replicas: z.number().int().optional(), mode: z.string().optional() }),
});
type Gadget = z.infer<typeof gadgetSchema> & KubeObject;
const gadgets = resourceType<Gadget>(`${GROUP}/v1`, 'Gadget', 'gadgets', true);

const gadgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${GROUP}` },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              // Unknown spec fields are kept, so the test can see that the defaulting patch leaves them alone.
              spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

function webhookConfiguration(kind: 'Validating' | 'Mutating', url: string, caBundle: string): KubeObject {
  const verb = kind === 'Validating' ? 'validate' : 'mutate';
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: `${kind}WebhookConfiguration`,
    metadata: { name: `gadgets-${verb}` },
    webhooks: [
      {
        name: `${verb}.gadgets.${GROUP}`,
        clientConfig: { url, caBundle },
        rules: [
          {
            apiGroups: [GROUP],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['gadgets'],
            scope: 'Namespaced',
          },
        ],
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
        failurePolicy: 'Fail',
        timeoutSeconds: 10,
      },
    ],
  };
}

/** Polls `probe` until it returns true (the API server picks up new webhook configurations asynchronously). */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function gadget(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): Gadget {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'Gadget',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec,
  } as Gadget;
}

describe('admission webhooks against a real API server', () => {
  let env: TestEnvironment;
  let client: KubeClient;
  const stop = new AbortController();
  let running: Promise<void>;
  const defaulterContexts: AdmissionContext[] = [];

  beforeAll(async () => {
    const ca = await createCertificateAuthority('admission-webhook-ca', { keyAlgorithm: 'ecdsa' });
    const serving = await issueCertificate(ca, {
      commonName: 'admission-webhook',
      ipAddresses: ['127.0.0.1'],
      usages: ['server'],
      keyAlgorithm: 'ecdsa',
    });
    const server = new WebhookServer({ host: '127.0.0.1', port: 0, cert: serving, logger: silentLogger() });
    const spec = FieldPath.of('spec');
    server.register(
      '/mutate-gadget',
      defaultingWebhook(gadgetSchema, (g, context) => {
        defaulterContexts.push(context);
        g.spec.replicas ??= 1;
        g.spec.mode ??= 'standard';
        g.metadata.annotations = { ...g.metadata.annotations, [DEFAULTED]: 'true' };
      }),
    );
    server.register(
      '/validate-gadget',
      validatingWebhook<Gadget>({
        parse: gadgetSchema,
        validateCreate: (g) => {
          const replicas = g.spec.replicas ?? 0;
          if (replicas < 0 || replicas > 10) {
            return [field.invalid(spec.child('replicas'), replicas, 'must be between 0 and 10')];
          }
        },
        validateUpdate: (before, after) => {
          if (before.spec.mode !== after.spec.mode) return [field.immutable(spec.child('mode'), after.spec.mode)];
        },
      }),
    );
    running = server.start(stop.signal);
    const port = await server.whenListening();

    env = await startTestEnvironment({ crds: [gadgetCrd] });
    client = new KubeClient(env.kubeConfig);
    const caBundle = Buffer.from(ca.cert).toString('base64');
    const base = `https://127.0.0.1:${port}`;
    const mutating = webhookConfiguration('Mutating', `${base}/mutate-gadget`, caBundle);
    const validating = webhookConfiguration('Validating', `${base}/validate-gadget`, caBundle);
    await client.create(
      resourceType('admissionregistration.k8s.io/v1', mutating.kind as string, 'mutatingwebhookconfigurations', false),
      mutating,
    );
    await client.create(
      resourceType(
        'admissionregistration.k8s.io/v1',
        validating.kind as string,
        'validatingwebhookconfigurations',
        false,
      ),
      validating,
    );
    // Wait (bounded) until both configurations are in effect, probing with dry-run requests.
    await eventually(async () => {
      const probe = await client.create(gadgets, gadget('probe', {}), { dryRun: true });
      return probe.spec.replicas === 1;
    });
    await eventually(async () => {
      const rejected = await client.create(gadgets, gadget('probe', { replicas: 99 }), { dryRun: true }).then(
        () => false,
        (e: unknown) => e instanceof ApiError && e.message.includes('must be between 0 and 10'),
      );
      return rejected;
    });
  });

  afterAll(async () => {
    await env?.stop();
    stop.abort();
    await running;
  });

  it('Invalid input through a validating webhook is rejected with a clear message', async () => {
    const error = await client.create(gadgets, gadget('too-big', { replicas: 42 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe(422);
    expect(apiError.message).toBe(
      `admission webhook "validate.gadgets.${GROUP}" denied the request: ` +
        `Gadget.${GROUP} "too-big" is invalid: spec.replicas: Invalid value: 42: must be between 0 and 10`,
    );
    expect(await client.getOptional(gadgets, { namespace: 'default', name: 'too-big' })).toBeUndefined();
  });

  it('rejects an update that changes an immutable field, naming the field', async () => {
    const created = await client.create(gadgets, gadget('fixed', { replicas: 2, mode: 'safe' }));
    const error = await client
      .update(gadgets, { ...created, spec: { ...created.spec, mode: 'standard' } })
      .catch((e: unknown) => e);
    expect((error as ApiError).message).toContain('spec.mode: Invalid value: "standard": field is immutable');
    const unchanged = await client.update(gadgets, { ...created, spec: { ...created.spec, replicas: 3 } });
    expect(unchanged.spec.replicas).toBe(3);
  });

  it('a MutatingWebhookConfiguration applies the defaults, leaving unknown fields and other annotations alone', async () => {
    const created = await client.create(
      gadgets,
      gadget('defaulted', { extra: { nested: true } }, { 'example.com/keep': 'yes' }),
    );
    expect(created.spec).toEqual({ replicas: 1, mode: 'standard', extra: { nested: true } });
    expect(created.metadata.annotations).toEqual({ 'example.com/keep': 'yes', [DEFAULTED]: 'true' });
    const stored = await client.get(gadgets, { namespace: 'default', name: 'defaulted' });
    expect(stored.spec).toEqual(created.spec);
    expect(stored.metadata.annotations).toEqual(created.metadata.annotations);
  });

  it('keeps explicit values and applies defaults to dry-run requests, telling the defaulter', async () => {
    const explicit = await client.create(gadgets, gadget('explicit', { replicas: 0, mode: 'safe' }));
    expect(explicit.spec).toEqual({ replicas: 0, mode: 'safe' });
    const count = defaulterContexts.length;
    const dry = await client.create(gadgets, gadget('dry', {}), { dryRun: true });
    expect(dry.spec).toEqual({ replicas: 1, mode: 'standard' });
    expect(defaulterContexts.slice(count)).toEqual([expect.objectContaining({ operation: 'CREATE', dryRun: true })]);
    expect(await client.getOptional(gadgets, { namespace: 'default', name: 'dry' })).toBeUndefined();
  });
});
