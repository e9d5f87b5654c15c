import { type Request, silentLogger } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { IncusEventHub } from '../../src/controllers/lxcmachine/incus-event-hub.js';
import type { IncusEvent } from '../../src/incus/api/event.js';
import type { Operation } from '../../src/incus/api/operation.js';
import type { IncusClient } from '../../src/incus/client.js';

/** A hand-fed `/1.0/events` subscription. */
class FakeStream {
  private readonly queued: IncusEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  push(event: IncusEvent): void {
    this.queued.push(event);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  close(): void {
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<IncusEvent> {
    for (;;) {
      const event = this.queued.shift();
      if (event) {
        yield event;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

function fakeClient(operations: Record<string, Operation> = {}, getDelayMs = 0) {
  const streams: FakeStream[] = [];
  const client = {
    events: {
      subscribe: async () => {
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
    },
    operations: {
      get: async (id: string) => {
        if (getDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, getDelayMs));
        return operations[id] ?? operation(id, 103);
      },
    },
  } as unknown as IncusClient;
  return { client, streams };
}

function operation(id: string, statusCode: number, err = ''): Operation {
  return {
    id,
    class: 'task',
    description: 'Starting instance',
    created_at: '',
    updated_at: '',
    status: statusCode === 200 ? 'Success' : statusCode === 400 ? 'Failure' : 'Running',
    status_code: statusCode,
    resources: { instances: ['/1.0/instances/m1'] },
    metadata: null,
    may_cancel: false,
    err,
    location: '',
  };
}

const lifecycle = (action: string, source: string): IncusEvent => ({
  type: 'lifecycle',
  timestamp: '',
  metadata: { action, source },
});

function collect(hub: IncusEventHub): Request[] {
  const seen: Request[] = [];
  hub.source.start((request) => seen.push(request), new AbortController().signal);
  return seen;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('IncusEventHub', () => {
  it('enqueues a tracked machine on state-changing lifecycle events of its instance only', async () => {
    const hub = new IncusEventHub(silentLogger());
    const seen = collect(hub);
    const { client, streams } = fakeClient();
    await hub.watchInstance(client, 'm1', { namespace: 'ns', name: 'm1' });
    streams[0]?.push(lifecycle('instance-file-pushed', '/1.0/instances/m1'));
    streams[0]?.push(lifecycle('instance-started', '/1.0/instances/other'));
    streams[0]?.push(lifecycle('instance-deleted', '/1.0/instances/m1?project=p'));
    await settle();
    expect(seen).toEqual([{ namespace: 'ns', name: 'm1' }]);
    hub.forgetInstance(client, 'm1');
    streams[0]?.push(lifecycle('instance-started', '/1.0/instances/m1'));
    await settle();
    expect(seen).toHaveLength(1);
    expect(streams).toHaveLength(1);
    hub.close();
  });

  it('resolves operation waits from the stream, failures with the daemon message', async () => {
    const hub = new IncusEventHub(silentLogger());
    const { client, streams } = fakeClient();
    const started = hub.waitForOperation(client, operation('op1', 103), 5_000);
    const failed = hub.waitForOperation(client, operation('op2', 103), 5_000);
    await settle();
    streams[0]?.push({ type: 'operation', timestamp: '', metadata: operation('op1', 103) });
    streams[0]?.push({ type: 'operation', timestamp: '', metadata: operation('op1', 200) });
    streams[0]?.push({ type: 'operation', timestamp: '', metadata: operation('op2', 400, 'Failed to start') });
    await expect(started).resolves.toMatchObject({ id: 'op1', status_code: 200 });
    await expect(failed).rejects.toThrow('Failed to start');
    hub.close();
  });

  it('settles a wait for an operation that ended before the wait began, from its current state', async () => {
    const hub = new IncusEventHub(silentLogger());
    const { client } = fakeClient({ op3: operation('op3', 200) });
    await expect(hub.waitForOperation(client, operation('op3', 103), 5_000)).resolves.toMatchObject({ id: 'op3' });
    hub.close();
  });

  it('on a broken stream fails the waits, enqueues every tracked machine and resubscribes on next use', async () => {
    const hub = new IncusEventHub(silentLogger());
    const seen = collect(hub);
    const { client, streams } = fakeClient();
    await hub.watchInstance(client, 'm1', { namespace: 'ns', name: 'm1' });
    await hub.watchInstance(client, 'm2', { namespace: 'ns', name: 'm2' });
    const waiting = hub.waitForOperation(client, operation('op4', 103), 5_000);
    await settle();
    streams[0]?.end();
    await expect(waiting).rejects.toThrow(/stream closed/);
    expect(seen.map((request) => request.name).sort()).toEqual(['m1', 'm2']);
    await hub.watchInstance(client, 'm1', { namespace: 'ns', name: 'm1' });
    expect(streams).toHaveLength(2);
    hub.close();
  });

  it('fails a wait whose stream breaks while its current state is being read, without an unhandled rejection', async () => {
    const hub = new IncusEventHub(silentLogger());
    const { client, streams } = fakeClient({}, 50);
    const waiting = hub.waitForOperation(client, operation('op6', 103), 5_000);
    await settle();
    // Broken while the 50 ms state lookup is in flight: unhandled until then, vitest would fail the run.
    streams[0]?.end();
    await expect(waiting).rejects.toThrow(/stream closed/);
    hub.close();
  });

  it('times out a wait that never ends', async () => {
    const hub = new IncusEventHub(silentLogger());
    const { client } = fakeClient();
    await expect(hub.waitForOperation(client, operation('op5', 103), 50)).rejects.toThrow(
      /did not finish within 50 ms/,
    );
    hub.close();
  });
});
