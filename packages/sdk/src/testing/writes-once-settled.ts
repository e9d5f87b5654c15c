import type { KubeClient } from '../client/index.js';
import { eventually } from './eventually.js';

/** How {@link writesOnceSettled} makes a reconcile happen and which writes it counts. */
export interface WritesOnceSettledOptions {
  /** The manager's client: the one whose writes are counted. */
  readonly client: KubeClient;
  /**
   * Makes the controller reconcile the object again (e.g. touches an annotation of a watched object) and waits
   * until that reconcile has started, so that the previous reconcile of the same key has finished.
   */
  readonly reconcileAgain: (tag: string) => Promise<void>;
  /** Which request paths count; by default every write. */
  readonly counts?: (path: string) => boolean;
  /** How long the reconciles may take to stop writing; default 30 s. */
  readonly settleTimeoutMs?: number;
}

/**
 * The writes (every method but GET and WATCH) that two reconciles in a row send once the controller has settled:
 * an empty answer means a reconcile that finds nothing to change writes nothing. Settled means a window of two
 * reconciles in which nothing was written: under load a watch can lag behind another, so a reconcile may read its
 * object from before its own last status write and write it again (as controller-runtime would) until the cache
 * catches up. A controller that writes on every reconcile never settles, and this throws.
 */
export async function writesOnceSettled(options: WritesOnceSettledOptions): Promise<string[]> {
  const { client, reconcileAgain, counts = () => true, settleTimeoutMs = 30_000 } = options;
  const writesOfTwoReconciles = async (tag: string): Promise<string[]> => {
    const writes: string[] = [];
    const stop = client.observe((method, path) => {
      if (method !== 'GET' && method !== 'WATCH' && counts(path)) writes.push(`${method} ${path}`);
    });
    try {
      await reconcileAgain(`${tag}-a`);
      await reconcileAgain(`${tag}-b`);
      return writes;
    } finally {
      stop();
    }
  };
  let round = 0;
  await eventually(
    async () => {
      const writes = await writesOfTwoReconciles(`settle-${++round}`);
      if (writes.length > 0) throw new Error(`the reconciles still write: ${writes.join(', ')}`);
    },
    { timeoutMs: settleTimeoutMs },
  );
  return await writesOfTwoReconciles('measured');
}
