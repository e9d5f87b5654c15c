import { performance } from 'node:perf_hooks';
import type { KubeConfig } from '@kubernetes/client-node';
import { controllerBuilder, createPatchHelper, Manager, requestKey, silentLogger } from '../src/index.js';
import { Gadget } from './fixture.js';
import { ReconcileLog } from './reconcile-log.js';

/** A running manager with the no-op Gadget controller, and what its reconciles saw. */
export interface NoopManagerRun {
  readonly manager: Manager;
  readonly log: ReconcileLog;
  /** `performance.now()` just before `manager.start()` was called. */
  readonly startedAt: number;
  /** Stops the manager and waits for its shutdown; rethrows the error it stopped with, if any. */
  stop(): Promise<void>;
}

/**
 * Starts a manager (leader election off, no metrics or health servers) with one controller for Gadgets whose
 * reconcile reads the object from the cache and runs the patch helper with no change: the cheapest reconcile
 * a real controller can have, which must send no request at all.
 */
export function startNoopManager(kubeConfig: KubeConfig, concurrency: number): NoopManagerRun {
  const manager = new Manager({
    kubeConfig,
    logger: silentLogger(),
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
  });
  const log = new ReconcileLog();
  const gadgets = manager.cache.informerFor(Gadget);
  const controller = controllerBuilder({ cache: manager.cache, registry: manager.registry, logger: manager.logger })
    .for(Gadget)
    .withConcurrency(concurrency)
    .build(async (request) => {
      const gadget = gadgets.get(request);
      if (!gadget) return;
      const helper = createPatchHelper(manager.client, Gadget, gadget);
      const { written } = await helper.patch(helper.object);
      if (written) throw new Error(`the no-op patch of ${requestKey(request)} wrote to the API server`);
      log.record(requestKey(request), gadget.metadata.resourceVersion);
    });
  manager.add(controller);

  const stopping = new AbortController();
  let failure: { error: unknown } | undefined;
  const startedAt = performance.now();
  const done = manager.start(stopping.signal).then(
    () => {
      if (!stopping.signal.aborted) log.fail(new Error('the manager stopped on its own'));
    },
    (error: unknown) => {
      failure = { error };
      log.fail(error);
    },
  );
  return {
    manager,
    log,
    startedAt,
    stop: async () => {
      stopping.abort();
      await done;
      if (failure) throw failure.error;
    },
  };
}
