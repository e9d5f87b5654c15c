import { describe, expect, it } from 'vitest';
import { controllerBuilder, type ReconcileContext, type Result, TerminalError } from '../../src/controller/index.js';
import { ManualClock } from '../queue/manual-clock.js';
import { metric, object, parentType, run, setup } from './fixtures.js';
import { eventually, flush, gate } from './helpers.js';

const controller = 'parent';
const total = (registry: Parameters<typeof metric>[0], result: string) =>
  metric(registry, 'controller_runtime_reconcile_total', { controller, result });

/** A parent informer holding `names`, marked synced. */
function withParents(source: ReturnType<typeof setup>['source'], ...names: string[]) {
  const parents = source.informerFor(parentType);
  for (const name of names) parents.set(object(parentType, name));
  parents.markSynced();
  return parents;
}

describe('controller: reconcile outcomes', () => {
  it('does not retry a TerminalError, and counts it', async () => {
    const clock = new ManualClock();
    const { source, registry, deps } = setup(clock);
    withParents(source, 'p');
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => {
          calls++;
          throw new TerminalError('spec.size is not supported', { cause: new Error('validation') });
        }),
    );
    await eventually(async () => (await total(registry, 'error')) === 1);
    clock.advance(10_000_000);
    await flush();
    expect(calls).toBe(1);
    expect(await metric(registry, 'controller_runtime_terminal_reconcile_errors_total', { controller })).toBe(1);
    expect(await metric(registry, 'controller_runtime_reconcile_errors_total', { controller })).toBe(1);
    await running.stop();
  });

  it('retries a failing reconcile with exponential backoff (5, 10, 20 ms) until it succeeds', async () => {
    const clock = new ManualClock();
    const { source, registry, deps } = setup(clock);
    withParents(source, 'p');
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => {
          calls++;
          if (calls <= 3) throw new Error(`transient failure ${calls}`);
        }),
    );
    const outcomes = async () => (await total(registry, 'error')) + (await total(registry, 'success'));
    await eventually(async () => (await outcomes()) === 1);
    for (const [retry, delay] of [5, 10, 20].entries()) {
      clock.advance(delay - 1);
      await flush();
      expect(calls).toBe(retry + 1);
      clock.advance(1);
      await eventually(async () => (await outcomes()) === retry + 2);
    }
    expect(calls).toBe(4);
    expect(await total(registry, 'success')).toBe(1);
    expect(await metric(registry, 'controller_runtime_terminal_reconcile_errors_total', { controller })).toBe(0);
    await running.stop();
  });

  it('honours requeueAfter and resets the backoff first', async () => {
    const clock = new ManualClock();
    const { source, registry, deps } = setup(clock);
    withParents(source, 'p');
    const script: Array<() => Result | undefined> = [
      () => {
        throw new Error('first failure');
      },
      () => ({ requeueAfter: 30_000 }),
      () => {
        throw new Error('failure after the poll');
      },
      () => undefined,
    ];
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => script[calls++]!()),
    );
    await eventually(async () => (await total(registry, 'error')) === 1);
    clock.advance(5);
    await eventually(async () => (await total(registry, 'requeue_after')) === 1);
    clock.advance(29_999);
    await flush();
    expect(calls).toBe(2);
    clock.advance(1);
    await eventually(async () => (await total(registry, 'error')) === 2);
    // Backoff was forgotten on requeueAfter: the next failure waits 5 ms again, not 10.
    clock.advance(5);
    await eventually(async () => (await total(registry, 'success')) === 1);
    expect(calls).toBe(4);
    await running.stop();
  });

  it('requeues a { requeue: true } result through the rate limiter', async () => {
    const clock = new ManualClock();
    const { source, registry, deps } = setup(clock);
    withParents(source, 'p');
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => (++calls === 1 ? { requeue: true } : {})),
    );
    await eventually(async () => (await total(registry, 'requeue')) === 1);
    clock.advance(4);
    await flush();
    expect(calls).toBe(1);
    clock.advance(1);
    await eventually(async () => (await total(registry, 'success')) === 1);
    await running.stop();
  });

  it('counts a bug (TypeError without a cause) as a panic, a wrapped TypeError not', async () => {
    const { source, registry, deps } = setup();
    withParents(source, 'bug', 'wrapped');
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async ({ name }) => {
          if (name === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'spec')");
          throw new TerminalError('wrapped', {
            cause: new TypeError('fetch failed', { cause: new Error('ECONNRESET') }),
          });
        }),
    );
    await eventually(
      async () => (await metric(registry, 'controller_runtime_terminal_reconcile_errors_total', { controller })) === 1,
    );
    await eventually(
      async () => (await metric(registry, 'controller_runtime_reconcile_errors_total', { controller })) >= 2,
    );
    expect(await metric(registry, 'controller_runtime_reconcile_panics_total', { controller })).toBeGreaterThanOrEqual(
      1,
    );
    await running.stop();
    const panics = await metric(registry, 'controller_runtime_reconcile_panics_total', { controller });
    const errors = await metric(registry, 'controller_runtime_reconcile_errors_total', { controller });
    expect(panics).toBe(errors - 1);
  });
});

describe('controller: lifecycle', () => {
  it('gives each reconcile a logger with controller, namespace, name and reconcileID', async () => {
    const { source, deps } = setup();
    withParents(source, 'p');
    const contexts: ReconcileContext[] = [];
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async (_request, context) => {
          contexts.push(context);
        }),
    );
    await eventually(() => contexts.length === 1);
    await running.stop();
    const bindings = contexts[0]!.logger.bindings();
    expect(bindings).toMatchObject({ controller: 'parent', namespace: 'ns', name: 'p' });
    expect(bindings.reconcileID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets an in-flight reconcile finish on stop, aborts its signal, and unsubscribes', async () => {
    const { source, deps } = setup();
    const parents = withParents(source, 'slow');
    const release = gate();
    let started = false;
    let finished = false;
    let signalAbortedAtEnd = false;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async (_request, { signal }) => {
          started = true;
          await release.promise;
          signalAbortedAtEnd = signal.aborted;
          finished = true;
        }),
    );
    await eventually(() => started);
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(finished).toBe(true);
    expect(signalAbortedAtEnd).toBe(true);
    expect(parents.subscribers).toBe(0);
  });

  it('starts no worker before the informers have synced', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    parents.set(object(parentType, 'p'));
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => {
          calls++;
        }),
    );
    await flush();
    expect(calls).toBe(0);
    parents.markSynced();
    await eventually(() => calls === 1);
    await running.stop();
  });

  it('fails start when the caches do not sync within the timeout, and stops quietly when aborted first', async () => {
    const clock = new ManualClock();
    const { source, deps } = setup(clock);
    source.informerFor(parentType);
    const build = (name: string) =>
      controllerBuilder(deps)
        .named(name)
        .for(parentType)
        .withOptions({ cacheSyncTimeoutMs: 1000 })
        .build(async () => {});

    const timingOut = run(build('times-out'));
    const outcome = timingOut.done.catch((err: Error) => err);
    clock.advance(1000);
    expect(await outcome).toBeInstanceOf(Error);
    expect(String(await outcome)).toMatch(/timed out after 1000 ms waiting for caches to sync/);

    const aborted = run(build('aborted'));
    await aborted.stop();
  });

  it('refuses a second start, a duplicate name in one registry and incomplete builders', async () => {
    const { source, deps } = setup();
    withParents(source);
    const first = controllerBuilder(deps)
      .for(parentType)
      .build(async () => {});
    const running = run(first);
    await expect(first.start(new AbortController().signal)).rejects.toThrow(/started more than once/);
    await running.stop();

    expect(() =>
      controllerBuilder(deps)
        .for(parentType)
        .build(async () => {}),
    ).toThrow(/named "parent" already exists/);
    expect(() => controllerBuilder(deps).build(async () => {})).toThrow(/needs for\(\) or named\(\)/);
    expect(() =>
      controllerBuilder(deps)
        .named('orphan')
        .owns(parentType)
        .build(async () => {}),
    ).toThrow(/needs for\(\)/);
    expect(() =>
      controllerBuilder(deps)
        .named('zero')
        .for(parentType)
        .withConcurrency(0)
        .build(async () => {}),
    ).toThrow(/positive integer/);
    // A failed build does not reserve the name.
    expect(
      controllerBuilder(deps)
        .named('zero')
        .for(parentType)
        .build(async () => {}).name,
    ).toBe('zero');
    expect(() => controllerBuilder(deps).for(parentType).for(parentType)).toThrow(/already called/);
  });
});

describe('controller: metrics', () => {
  it('exposes the controller-runtime series of the controller and its work queue', async () => {
    const { source, registry, deps } = setup();
    withParents(source, 'ok-1', 'ok-2', 'broken');
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .withConcurrency(3)
        .build(async ({ name }) => {
          if (name === 'broken') throw new TerminalError('broken');
        }),
    );
    await eventually(async () => (await total(registry, 'success')) === 2 && (await total(registry, 'error')) === 1);
    const queueLabels = { name: controller, controller };
    expect(await metric(registry, 'controller_runtime_max_concurrent_reconciles', { controller })).toBe(3);
    expect(await metric(registry, 'controller_runtime_active_workers', { controller })).toBe(0);
    expect(await metric(registry, 'controller_runtime_reconcile_time_seconds_count', { controller })).toBe(3);
    expect(await metric(registry, 'workqueue_adds_total', queueLabels)).toBe(3);
    expect(await metric(registry, 'workqueue_depth', { ...queueLabels, priority: '-100' })).toBe(0);
    expect(await metric(registry, 'workqueue_work_duration_seconds_count', queueLabels)).toBe(3);
    expect(await metric(registry, 'workqueue_retries_total', queueLabels)).toBe(0);
    await running.stop();
  });
});
