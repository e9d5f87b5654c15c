import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type KubeClient,
  type KubeList,
  type KubeObject,
  type ListOptions,
  Reflector,
  resourceType,
  silentLogger,
  type WatchEvent,
  type WatchOptions,
} from '../../src/index.js';
import { eventually } from './helpers.js';

/**
 * Situations a healthy API server does not produce on demand (an ERROR event other than 410, an event without
 * a resourceVersion, failing lists) are played from a script: each list and watch call takes the next entry.
 */
type ListStep = KubeList | Error;
type WatchStep = { events: WatchEvent[]; failWith?: Error };

class ScriptedApi {
  readonly listCalls: ListOptions[] = [];
  readonly watchCalls: WatchOptions[] = [];
  readonly watchTimes: number[] = [];
  constructor(
    private readonly lists: ListStep[],
    private readonly watches: WatchStep[],
  ) {}

  asClient(): KubeClient {
    return {
      list: async (_type: unknown, options: ListOptions) => {
        this.listCalls.push(options);
        const step = this.lists.shift() ?? new Error('script has no more lists');
        if (step instanceof Error) throw step;
        return step;
      },
      watch: (_type: unknown, options: WatchOptions) => this.watch(options),
    } as unknown as KubeClient;
  }

  private async *watch(options: WatchOptions): AsyncGenerator<WatchEvent> {
    this.watchCalls.push(options);
    this.watchTimes.push(Date.now());
    const step = this.watches.shift();
    if (!step) {
      await new Promise((resolve) => options.signal?.addEventListener('abort', resolve));
      throw options.signal?.reason;
    }
    yield* step.events;
    if (step.failWith) throw step.failWith;
  }
}

const type = resourceType('v1', 'ConfigMap', 'configmaps', true);
const obj = (name: string, resourceVersion?: string): KubeObject => ({
  metadata: { namespace: 'ns', name, uid: name, resourceVersion },
});
const list = (resourceVersion: string, ...items: KubeObject[]): KubeList => ({ metadata: { resourceVersion }, items });

function run(api: ScriptedApi, backoff = { initialMs: 1, maxMs: 5 }) {
  const seen: string[] = [];
  const reflector = new Reflector(
    api.asClient(),
    type,
    {
      replace: (objects) => seen.push(`replace ${objects.map((o) => o.metadata.name).join(',')}`),
      upsert: (o) => seen.push(`upsert ${o.metadata.name}@${o.metadata.resourceVersion}`),
      remove: (o) => seen.push(`remove ${o.metadata.name}`),
    },
    { logger: silentLogger(), backoff },
  );
  const abort = new AbortController();
  const done = reflector.run(abort.signal);
  return {
    reflector,
    seen,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

describe('Reflector against a scripted API', () => {
  it('follows bookmarks and resumes from the last resourceVersion after an ERROR event', async () => {
    const api = new ScriptedApi(
      [list('10', obj('a', '5'))],
      [
        {
          events: [
            { type: 'MODIFIED', object: obj('a', '11') },
            { type: 'BOOKMARK', object: obj('', '15') },
          ],
        },
        { events: [{ type: 'ERROR', object: { code: 500, reason: 'InternalError', message: 'etcd hiccup' } }] },
        { events: [{ type: 'DELETED', object: obj('a', '16') }] },
      ],
    );
    const { reflector, seen, stop } = run(api);
    await eventually(() => expect(api.watchCalls).toHaveLength(4));
    expect(api.watchCalls.map((w) => w.resourceVersion)).toEqual(['10', '15', '15', '16']);
    expect(api.watchCalls.every((w) => w.allowWatchBookmarks === true)).toBe(true);
    for (const w of api.watchCalls) {
      expect(w.timeoutSeconds).toBeGreaterThanOrEqual(300);
      expect(w.timeoutSeconds).toBeLessThan(600);
    }
    expect(seen).toEqual(['replace a', 'upsert a@11', 'remove a']);
    expect(reflector.stats).toMatchObject({ lists: 1, goneRelists: 0, failures: 1 });
    await stop();
  });

  it('relists on a 410 ERROR event and on an event without resourceVersion', async () => {
    const api = new ScriptedApi(
      [list('10'), list('20', obj('b', '19')), list('30')],
      [
        { events: [{ type: 'ERROR', object: { code: 410, reason: 'Expired', message: 'too old' } }] },
        { events: [{ type: 'ADDED', object: obj('c') }] },
      ],
    );
    const { reflector, seen, stop } = run(api);
    await eventually(() => expect(api.watchCalls).toHaveLength(3));
    expect(api.watchCalls.map((w) => w.resourceVersion)).toEqual(['10', '20', '30']);
    expect(seen).toEqual(['replace ', 'replace b', 'replace ']);
    expect(reflector.stats).toMatchObject({ lists: 3, goneRelists: 1, failures: 0 });
    await stop();
  });

  it('relists when the watch request itself answers 410', async () => {
    const gone = new ApiError(410, 'Expired', 'too old resource version', {});
    const api = new ScriptedApi([list('10'), list('20')], [{ events: [], failWith: gone }]);
    const { reflector, stop } = run(api);
    await eventually(() => expect(api.watchCalls).toHaveLength(2));
    expect(reflector.stats).toMatchObject({ lists: 2, goneRelists: 1 });
    await stop();
  });

  it('keeps retrying failed lists and never gives up', async () => {
    const api = new ScriptedApi(
      [new Error('connect ECONNREFUSED'), new ApiError(403, 'Forbidden', 'no', {}), new Error('reset'), list('7')],
      [],
    );
    const { reflector, seen, stop } = run(api);
    await eventually(() => expect(seen).toEqual(['replace ']));
    expect(reflector.stats).toMatchObject({ lists: 1, failures: 3 });
    expect(api.listCalls.every((l) => l.limit === 500)).toBe(true);
    await stop();
  });

  it('follows continue tokens and starts watching from the last page', async () => {
    const api = new ScriptedApi(
      [
        { metadata: { resourceVersion: '9', continue: 'next' }, items: [obj('a', '1')] },
        { metadata: { resourceVersion: '9' }, items: [obj('b', '2')] },
      ],
      [],
    );
    const { seen, stop } = run(api);
    await eventually(() => expect(api.watchCalls).toHaveLength(1));
    expect(api.listCalls.map((l) => l.continue)).toEqual([undefined, 'next']);
    expect(seen).toEqual(['replace a,b']);
    await stop();
  });

  it('backs off after a watch that ends at once without an event', async () => {
    const api = new ScriptedApi([list('10')], [{ events: [] }, { events: [] }]);
    const { reflector, stop } = run(api, { initialMs: 200, maxMs: 1_000 });
    await eventually(() => expect(api.watchCalls).toHaveLength(3));
    const [first, second, third] = api.watchTimes as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(190);
    expect(third - second).toBeGreaterThanOrEqual(390);
    expect(reflector.stats.failures).toBe(0);
    expect(reflector.resourceVersion).toBe('10');
    await stop();
  });
});
