import { describe, expect, it } from 'vitest';
import { controllerBuilder, type RawSource, type Request, requestChannel } from '../../src/controller/index.js';
import { parentType, run, setup } from './fixtures.js';
import { eventually, flush } from './helpers.js';

function synced(source: ReturnType<typeof setup>['source']): void {
  source.informerFor(parentType).markSynced();
}

describe('controller: raw sources', () => {
  it('reconciles the requests a channel sends, including those sent before the start, deduplicated', async () => {
    const { source, deps } = setup();
    synced(source);
    const channel = requestChannel('external-events');
    channel.send({ namespace: 'ns', name: 'early' });
    const seen: string[] = [];
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .watchesRawSource(channel.source)
        .build(async (request) => {
          seen.push(request.name);
        }),
    );
    await eventually(() => seen.includes('early'));
    channel.send({ namespace: 'ns', name: 'late' });
    await eventually(() => seen.includes('late'));
    expect(seen.filter((name) => name === 'early')).toHaveLength(1);
    await running.stop();
  });

  it('stops a source with the controller, and nothing sent afterwards is reconciled', async () => {
    const { source, deps } = setup();
    synced(source);
    let stopped = false;
    let enqueue: ((request: Request) => void) | undefined;
    const raw: RawSource = {
      name: 'stream',
      start: async (deliver, signal) => {
        enqueue = deliver;
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        stopped = true;
      },
    };
    let calls = 0;
    const running = run(
      controllerBuilder(deps)
        .named('raw-only')
        .watchesRawSource(raw)
        .build(async () => {
          calls++;
        }),
    );
    await eventually(() => enqueue !== undefined);
    enqueue?.({ namespace: 'ns', name: 'a' });
    await eventually(() => calls === 1);
    await running.stop();
    expect(stopped).toBe(true);
    enqueue?.({ namespace: 'ns', name: 'b' });
    await flush();
    expect(calls).toBe(1);
  });

  it('keeps running on its other watches when a source fails', async () => {
    const { source, deps } = setup();
    const parents = source.informerFor(parentType);
    parents.markSynced();
    const seen: string[] = [];
    const running = run(
      controllerBuilder(deps)
        .for(parentType)
        .watchesRawSource({
          name: 'broken',
          start: () => {
            throw new Error('cannot connect');
          },
        })
        .watchesRawSource({ name: 'rejecting', start: async () => Promise.reject(new Error('lost')) })
        .build(async (request) => {
          seen.push(request.name);
        }),
    );
    parents.set({ apiVersion: 'example.com/v1', kind: 'Parent', metadata: { name: 'p', namespace: 'ns' } });
    await eventually(() => seen.includes('p'));
    await running.stop();
  });

  it('refuses to feed two controllers from one channel', () => {
    const channel = requestChannel('one');
    const abort = new AbortController();
    channel.source.start(() => {}, abort.signal);
    expect(() => channel.source.start(() => {}, abort.signal)).toThrow(/already started/);
  });
});
