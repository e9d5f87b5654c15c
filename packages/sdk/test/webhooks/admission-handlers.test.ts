import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { KubeObject } from '../../src/client/index.js';
import { silentLogger } from '../../src/log/index.js';
import {
  type AdmissionContext,
  type AdmissionReview,
  defaultingWebhook,
  FieldPath,
  field,
  InvalidObjectError,
  validatingWebhook,
  WebhookRequestError,
} from '../../src/webhooks/index.js';
import { admissionRequest, decodePatch } from './admission-review.js';
import { applyJsonPatch } from './apply-json-patch.js';

const context = { logger: silentLogger() };

const widgetSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string().optional(), annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.object({
    replicas: z.number().int().min(0).optional(),
    mode: z.enum(['standard', 'safe']).optional(),
    tags: z.array(z.string()).optional(),
  }),
});
type Widget = z.infer<typeof widgetSchema> & KubeObject;
const parseWidget = (value: unknown) => widgetSchema.parse(value) as Widget;

function widget(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', ...metadata }, spec };
}

const response = (review: unknown) => (review as AdmissionReview).response;

describe('defaultingWebhook', () => {
  const defaults = defaultingWebhook(parseWidget, (w: Widget) => {
    w.spec.replicas ??= 1;
    w.spec.mode ??= 'standard';
    w.metadata.annotations = { ...w.metadata.annotations, 'example.com/defaulted': 'true' };
  });

  it('answers with a base64 JSON Patch that turns the object into the defaulted one, echoing the uid', async () => {
    const object = widget({ tags: ['a'] }, { annotations: { 'example.com/keep': 'x' } });
    const review = (await defaults(
      admissionRequest('CREATE', object, null, { uid: 'uid-1' }),
      context,
    )) as AdmissionReview;
    expect(review.apiVersion).toBe('admission.k8s.io/v1');
    expect(review.kind).toBe('AdmissionReview');
    expect(review.response).toMatchObject({ uid: 'uid-1', allowed: true, patchType: 'JSONPatch' });
    const patch = decodePatch(review);
    expect(patch).toContainEqual({ op: 'add', path: '/metadata/annotations/example.com~1defaulted', value: 'true' });
    expect(applyJsonPatch(object, patch as never)).toEqual({
      ...object,
      metadata: { name: 'w1', annotations: { 'example.com/keep': 'x', 'example.com/defaulted': 'true' } },
      spec: { tags: ['a'], replicas: 1, mode: 'standard' },
    });
  });

  it('sends no patch when nothing changes', async () => {
    const object = widget({ replicas: 2, mode: 'safe' }, { annotations: { 'example.com/defaulted': 'true' } });
    const answer = response(await defaults(admissionRequest('UPDATE', object, object), context));
    expect(answer).toEqual({ uid: expect.any(String), allowed: true });
  });

  it('does not remove fields the parser does not know, but keeps removals the defaulter makes', async () => {
    const strip = defaultingWebhook(parseWidget, (w: Widget) => {
      delete w.spec.tags;
      w.spec.replicas ??= 1;
    });
    const object = { ...widget({ tags: ['x'], unknown: 1 }), status: { ready: true } };
    const patch = decodePatch(await strip(admissionRequest('CREATE', object), context));
    expect(patch).toEqual(
      expect.arrayContaining([
        { op: 'remove', path: '/spec/tags' },
        { op: 'add', path: '/spec/replicas', value: 1 },
      ]),
    );
    expect(patch).toHaveLength(2);
  });

  it('accepts a schema-like parser and a defaulter that returns a new object', async () => {
    const replacing = defaultingWebhook({ parse: parseWidget }, (w) => ({
      ...w,
      spec: { ...w.spec, mode: 'safe' as const },
    }));
    const patch = decodePatch(await replacing(admissionRequest('CREATE', widget({})), context));
    expect(patch).toEqual([{ op: 'add', path: '/spec/mode', value: 'safe' }]);
  });

  it('allows DELETE without running the defaulter', async () => {
    const answer = response(await defaults(admissionRequest('DELETE', null, widget({})), context));
    expect(answer).toEqual({ uid: expect.any(String), allowed: true });
  });

  it('passes dryRun and the operation to the defaulter', async () => {
    const seen: AdmissionContext[] = [];
    const spy = defaultingWebhook(parseWidget, (_w, ctx) => {
      seen.push(ctx);
    });
    await spy(admissionRequest('CREATE', widget({}), null, { dryRun: true }), context);
    expect(seen[0]).toMatchObject({ operation: 'CREATE', dryRun: true, namespace: 'default', name: 'w1' });
  });

  it('rejects an object the parser refuses with its field messages', async () => {
    const answer = response(await defaults(admissionRequest('CREATE', widget({ replicas: -2 })), context));
    expect(answer?.allowed).toBe(false);
    expect(answer?.status?.code).toBe(422);
    expect(answer?.status?.message).toMatch(
      /^Widget\.example\.com "w1" is invalid: spec\.replicas: Invalid value: -2: /,
    );
  });

  it('turns an InvalidObjectError from the defaulter into a 422 and other errors into a 403', async () => {
    const invalid = defaultingWebhook(parseWidget, () => {
      throw new InvalidObjectError([field.forbidden('spec.mode', 'cannot be defaulted here')]);
    });
    const failing = defaultingWebhook(parseWidget, () => {
      throw new Error('backend unavailable');
    });
    const a = response(await invalid(admissionRequest('CREATE', widget({})), context));
    expect(a?.status).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(a?.status?.message).toContain('spec.mode: Forbidden: cannot be defaulted here');
    const b = response(await failing(admissionRequest('CREATE', widget({})), context));
    expect(b).toMatchObject({
      allowed: false,
      status: { code: 403, reason: 'Forbidden', message: 'backend unavailable' },
    });
  });

  it('refuses a body that is not an AdmissionReview v1', async () => {
    await expect(
      defaults({ kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1beta1' }, context),
    ).rejects.toThrow(WebhookRequestError);
    await expect(
      defaults(
        { kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1', request: { operation: 'CREATE' } },
        context,
      ),
    ).rejects.toThrow(/uid/);
  });
});

describe('validatingWebhook', () => {
  const spec = FieldPath.of('spec');
  const validate = validatingWebhook<Widget>({
    parse: parseWidget,
    validateCreate(w) {
      const errors = [];
      if (w.spec.replicas === undefined) errors.push(field.required(spec.child('replicas')));
      if ((w.spec.tags ?? []).includes('forbidden')) {
        errors.push(
          field.invalid(spec.child('tags').index(w.spec.tags?.indexOf('forbidden') ?? 0), 'forbidden', 'reserved'),
        );
      }
      return errors;
    },
    validateUpdate(oldWidget, newWidget) {
      if (oldWidget.spec.mode !== newWidget.spec.mode)
        return [field.immutable(spec.child('mode'), newWidget.spec.mode)];
      return { warnings: ['spec.tags is deprecated'] };
    },
    validateDelete(w, ctx) {
      if (w.metadata.annotations?.['example.com/protected'] === 'true' && !ctx.dryRun) {
        throw new Error('widget is protected');
      }
    },
  });

  it('allows a valid object and echoes the uid', async () => {
    const answer = response(
      await validate(admissionRequest('CREATE', widget({ replicas: 1 }), null, { uid: 'u-2' }), context),
    );
    expect(answer).toEqual({ uid: 'u-2', allowed: true });
  });

  it('rejects an invalid object with 422 Invalid and a message naming every field', async () => {
    const answer = response(await validate(admissionRequest('CREATE', widget({ tags: ['a', 'forbidden'] })), context));
    expect(answer?.allowed).toBe(false);
    expect(answer?.status).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(answer?.status?.message).toBe(
      'Widget.example.com "w1" is invalid: [spec.replicas: Required value, spec.tags[1]: Invalid value: "forbidden": reserved]',
    );
    expect(answer?.status?.details?.causes).toEqual([
      { reason: 'FieldValueRequired', field: 'spec.replicas', message: 'spec.replicas: Required value' },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.tags[1]',
        message: 'spec.tags[1]: Invalid value: "forbidden": reserved',
      },
    ]);
  });

  it('passes old and new objects to validateUpdate and returns its warnings', async () => {
    const before = widget({ replicas: 1, mode: 'safe' });
    const changed = response(await validate(admissionRequest('UPDATE', widget({ mode: 'standard' }), before), context));
    expect(changed?.status?.message).toContain('spec.mode: Invalid value: "standard": field is immutable');
    const same = response(await validate(admissionRequest('UPDATE', widget({ mode: 'safe' }), before), context));
    expect(same).toEqual({ uid: expect.any(String), allowed: true, warnings: ['spec.tags is deprecated'] });
  });

  it('gives validateDelete the object being deleted and honours dryRun', async () => {
    const protectedWidget = widget({}, { annotations: { 'example.com/protected': 'true' } });
    const denied = response(await validate(admissionRequest('DELETE', null, protectedWidget), context));
    expect(denied).toMatchObject({ allowed: false, status: { code: 403, message: 'widget is protected' } });
    const dry = response(await validate(admissionRequest('DELETE', null, protectedWidget, { dryRun: true }), context));
    expect(dry?.allowed).toBe(true);
  });

  it('allows operations without a check, and works without a parser', async () => {
    const createOnly = validatingWebhook({
      validateCreate: (o) => [field.required(`metadata.labels[${o.metadata.name}]`)],
    });
    expect(response(await createOnly(admissionRequest('UPDATE', widget({}), widget({})), context))?.allowed).toBe(true);
    const denied = response(await createOnly(admissionRequest('CREATE', widget({})), context));
    expect(denied?.status?.message).toContain('metadata.labels[w1]: Required value');
  });

  it('reports what the parser refuses as field errors', async () => {
    const answer = response(
      await validate(admissionRequest('CREATE', widget({ mode: 'turbo', replicas: 1 })), context),
    );
    expect(answer?.status?.message).toMatch(/spec\.mode: Invalid value: "turbo": /);
  });

  it('refuses a CREATE without an object as a bad request', async () => {
    await expect(validate(admissionRequest('CREATE', null), context)).rejects.toThrow(WebhookRequestError);
  });
});
