import { KubeClient } from '../client/kube-client.js';
import { createLogger, silentLogger } from '../log/logger.js';
import { Manager } from '../manager/manager.js';
import { controllerMetrics } from '../metrics/controller-metrics.js';
import type { CrdSource } from './crds.js';
import { startTestEnvironment, type TestEnvironment } from './environment.js';

/** Options of {@link startManagerHarness}. */
export interface ManagerHarnessOptions {
  /** CRDs installed before the manager starts. */
  crds?: CrdSource[];
  /** Adds the controllers under test (and whatever else they need) to the manager before it starts. */
  setup(manager: Manager): void;
  /** When this environment variable is set, the manager logs at debug level to stdout; otherwise it is silent. */
  logVariable?: string;
}

/** A real API server and a running manager with the controllers under test. */
export interface ManagerHarness {
  readonly env: TestEnvironment;
  readonly manager: Manager;
  /** The test's own client: its writes are not the controllers'. */
  readonly client: KubeClient;
  /** How many reconciles `controller` (every controller if omitted) has finished so far, whatever their result. */
  reconciles(controller?: string): Promise<number>;
  /** Stops the manager, then the API server and etcd. */
  stop(): Promise<void>;
}

/**
 * The usual set-up of a controller's integration test: a real etcd + kube-apiserver with `crds`, a manager on it
 * without metrics or health endpoints, `setup` adding the controllers, and the manager started.
 */
export async function startManagerHarness(options: ManagerHarnessOptions): Promise<ManagerHarness> {
  const env = await startTestEnvironment({ crds: options.crds ?? [] });
  const verbose = options.logVariable !== undefined && process.env[options.logVariable];
  const manager = new Manager({
    kubeConfig: env.kubeConfig,
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
    logger: verbose ? createLogger({ level: 'debug' }) : silentLogger(),
  });
  try {
    options.setup(manager);
  } catch (error) {
    await env.stop();
    throw error;
  }
  const stopping = new AbortController();
  const running = manager.start(stopping.signal);
  return {
    env,
    manager,
    client: new KubeClient(env.kubeConfig),
    async reconciles(controller) {
      const { values } = await controllerMetrics(manager.registry).reconcileTotal.get();
      return values
        .filter((v) => controller === undefined || v.labels.controller === controller)
        .reduce((sum, v) => sum + v.value, 0);
    },
    async stop() {
      stopping.abort();
      await running.catch(() => undefined);
      await env.stop();
    },
  };
}
