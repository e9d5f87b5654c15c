import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ensureFinalizer,
  finalize,
  hasFinalizer,
  isInvalid,
  KubeClient,
  removeFinalizer,
} from '../../src/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { type Widget, widgetCrd, widgetType } from '../patch/widget.js';

const namespace = 'default';
const FINALIZER = 'widgets.test.capi-ts.dev/cleanup';
let env: TestEnvironment;
let client: KubeClient;
let calls: string[] = [];

beforeAll(async () => {
  env = await startTestEnvironment();
  await env.installCrds([widgetCrd]);
  client = new KubeClient(env.transport);
  client.observe((method, path, status) => calls.push(`${method} ${path.split('/').slice(-1)[0]} ${status}`));
});
afterAll(async () => {
  await env?.stop();
});

const create = (name: string, finalizers?: string[]) =>
  client.create(widgetType, { metadata: { name, namespace, ...(finalizers ? { finalizers } : {}) } });
const read = (name: string) => client.getOptional(widgetType, { namespace, name });
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
/** Polls until `fn` returns something other than `undefined`, or fails after `timeoutMs`. */
async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ensureFinalizer / removeFinalizer', () => {
  it('adds the finalizer once, and writes nothing when it is already there', async () => {
    const created = deepFreeze(await create('ensure'));
    expect(await ensureFinalizer(client, widgetType, created, FINALIZER)).toBe(true);
    const stored = (await read('ensure'))!;
    expect(stored.metadata.finalizers).toEqual([FINALIZER]);

    calls = [];
    expect(await ensureFinalizer(client, widgetType, stored, FINALIZER)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('keeps a finalizer another controller added since our copy was read', async () => {
    const stale = await create('ensure-concurrent');
    await client.mergePatch(
      widgetType,
      { namespace, name: 'ensure-concurrent' },
      {
        metadata: { finalizers: ['other.example.com/guard'] },
      },
    );
    expect(await ensureFinalizer(client, widgetType, stale, FINALIZER)).toBe(true);
    expect((await read('ensure-concurrent'))?.metadata.finalizers).toEqual(['other.example.com/guard', FINALIZER]);
  });

  it('does not write when another controller already added the same finalizer', async () => {
    const stale = await create('ensure-same');
    await client.mergePatch(widgetType, { namespace, name: 'ensure-same' }, { metadata: { finalizers: [FINALIZER] } });
    expect(await ensureFinalizer(client, widgetType, stale, FINALIZER)).toBe(false);
    expect((await read('ensure-same'))?.metadata.finalizers).toEqual([FINALIZER]);
  });

  it('surfaces a genuinely invalid finalizer name instead of retrying forever', async () => {
    const created = await create('ensure-invalid');
    calls = [];
    const err = await ensureFinalizer(client, widgetType, created, 'not a valid/name!').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(isInvalid(err)).toBe(true);
    expect(calls).toEqual(['PATCH ensure-invalid 422', 'GET ensure-invalid 200']);
  });

  it('removes only its own finalizer, and reports false when it is gone', async () => {
    const created = await create('remove', ['other.example.com/guard', FINALIZER]);
    expect(await removeFinalizer(client, widgetType, deepFreeze(created), FINALIZER)).toBe(true);
    const stored = (await read('remove'))!;
    expect(stored.metadata.finalizers).toEqual(['other.example.com/guard']);
    expect(hasFinalizer(stored, FINALIZER)).toBe(false);
    calls = [];
    expect(await removeFinalizer(client, widgetType, stored, FINALIZER)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('does not add a finalizer to an object that is being deleted', async () => {
    await create('deleting', ['other.example.com/guard']);
    await client.delete(widgetType, { namespace, name: 'deleting' });
    const deleting = (await read('deleting'))!;
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    calls = [];
    expect(await ensureFinalizer(client, widgetType, deleting, FINALIZER)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('finalize driver', () => {
  it('adds the finalizer before apply, then on deletion runs cleanup, removes the finalizer and the object goes', async () => {
    const events: string[] = [];
    const handlers = {
      apply: async (w: Widget | Readonly<Widget>) => {
        const stored = await read(w.metadata.name!);
        events.push(`apply (finalizer stored: ${hasFinalizer(stored!, FINALIZER)})`);
        return 'applied';
      },
      cleanup: async () => {
        events.push('cleanup');
        return { done: true, result: 'cleaned' };
      },
    };

    const created = deepFreeze(await create('driver'));
    expect(await finalize(client, widgetType, created, FINALIZER, handlers)).toBe('applied');
    const live = (await read('driver'))!;
    expect(await finalize(client, widgetType, live, FINALIZER, handlers)).toBe('applied');

    await client.delete(widgetType, { namespace, name: 'driver' });
    const deleting = (await read('driver'))!;
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(await finalize(client, widgetType, deepFreeze(deleting), FINALIZER, handlers)).toBe('cleaned');

    await eventually(async () => ((await read('driver')) === undefined ? true : undefined));
    expect(events).toEqual(['apply (finalizer stored: true)', 'apply (finalizer stored: true)', 'cleanup']);
  });

  it('keeps the finalizer while cleanup is not done; a stale copy after the object went is not an error', async () => {
    await create('slow-cleanup', [FINALIZER]);
    await client.delete(widgetType, { namespace, name: 'slow-cleanup' });
    let gone = false;
    const handlers = {
      apply: async () => {
        throw new Error('apply must not run while deleting');
      },
      cleanup: async () => ({ done: gone, result: gone ? 'done' : 'requeue' }),
    };

    const first = (await read('slow-cleanup'))!;
    expect(await finalize(client, widgetType, first, FINALIZER, handlers)).toBe('requeue');
    expect((await read('slow-cleanup'))?.metadata.finalizers).toEqual([FINALIZER]);

    gone = true;
    const second = (await read('slow-cleanup'))!;
    expect(await finalize(client, widgetType, second, FINALIZER, handlers)).toBe('done');
    await eventually(async () => ((await read('slow-cleanup')) === undefined ? true : undefined));

    // A reconcile working from a stale copy runs the (idempotent) cleanup again; the missing object is fine.
    calls = [];
    expect(await finalize(client, widgetType, second, FINALIZER, handlers)).toBe('done');
    expect(calls).toEqual(['PATCH slow-cleanup 404']);
  });

  it('runs nothing for an object being deleted that does not carry the finalizer', async () => {
    await create('not-ours', ['other.example.com/guard']);
    await client.delete(widgetType, { namespace, name: 'not-ours' });
    const deleting = (await read('not-ours'))!;
    let ran = false;
    const result = await finalize(client, widgetType, deleting, FINALIZER, {
      apply: async () => {
        ran = true;
      },
      cleanup: async () => {
        ran = true;
        return { done: true };
      },
    });
    expect(result).toBeUndefined();
    expect(ran).toBe(false);
  });
});
