import { type Logger, type RawSource, type Request, requestChannel } from '@capi-ts/sdk';
import { isLifecycleEvent } from '../../incus/api/event.js';
import { isFinalOperation, type Operation, StatusCode } from '../../incus/api/operation.js';
import type { IncusClient } from '../../incus/client.js';
import { IncusConnectionError, IncusOperationError, IncusTimeoutError } from '../../incus/errors.js';
import type { IncusEventSubscription } from '../../incus/events.js';

/**
 * Lifecycle actions that change whether an instance exists or runs. Others (file pushes, metadata and template
 * edits) are the controller's own steps and would only make it reconcile itself again; failed operations are
 * reported to their waiter and retried with the controller's backoff.
 */
const STATE_CHANGES = new Set([
  'instance-created',
  'instance-started',
  'instance-stopped',
  'instance-shutdown',
  'instance-restarted',
  'instance-paused',
  'instance-resumed',
  'instance-deleted',
  'instance-renamed',
]);

interface OperationWaiter {
  resolve(op: Operation): void;
  reject(error: Error): void;
}

/** One server's `/1.0/events` stream and what listens to it. */
interface ServerStream {
  subscription: Promise<IncusEventSubscription>;
  /** Instance name → the LXCMachine to reconcile when the instance changes. */
  instances: Map<string, Request>;
  operations: Map<string, OperationWaiter>;
}

/**
 * The Incus side of the LXCMachine controller's watches: one `/1.0/events` websocket (lifecycle and operation
 * events) per client (one per identity secret version), opened on first use. Lifecycle events that change a
 * tracked instance's existence or run state (created, started, stopped, deleted, ...) enqueue its LXCMachine
 * through {@link source}, so the controller reacts to the instance instead of re-checking on a timer. The same stream tells
 * {@link waitForOperation} when an operation ends.
 *
 * When a stream breaks, its waiters fail and every tracked machine of that server is enqueued: their
 * reconciles reconnect (events may have been missed meanwhile, so each machine re-reads its instance).
 */
export class IncusEventHub {
  private readonly streams = new Map<IncusClient, ServerStream>();
  private readonly channel = requestChannel('incus-events');
  private closed = false;

  constructor(private readonly logger: Logger) {}

  /** The raw source to register on the controller. */
  get source(): RawSource {
    return this.channel.source;
  }

  /**
   * Makes sure the stream of `client` is open, and enqueues `request` on events of `instance`.
   * Resolves once the stream is subscribed, so events of actions taken afterwards are not missed.
   */
  async watchInstance(client: IncusClient, instance: string, request: Request): Promise<void> {
    const stream = this.stream(client);
    stream.instances.set(instance, request);
    await stream.subscription;
  }

  /** Stops enqueueing for `instance` (after its machine is gone). */
  forgetInstance(client: IncusClient, instance: string): void {
    this.streams.get(client)?.instances.delete(instance);
  }

  /**
   * Waits for `op` to end through the event stream (no polling): resolves with the final operation, rejects
   * when it failed or was cancelled, when the stream breaks or after `timeoutMs`.
   */
  async waitForOperation(client: IncusClient, op: Operation, timeoutMs: number): Promise<Operation> {
    if (isFinalOperation(op)) return checked(op);
    const stream = this.stream(client);
    await stream.subscription;
    const ended = new Promise<Operation>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.operations.delete(op.id);
        reject(new IncusTimeoutError(`operation "${op.description}" (${op.id}) did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      stream.operations.set(op.id, {
        resolve: (final) => {
          clearTimeout(timer);
          stream.operations.delete(op.id);
          resolve(final);
        },
        reject: (error) => {
          clearTimeout(timer);
          stream.operations.delete(op.id);
          reject(error);
        },
      });
    });
    // The stream may break (or the time run out) during the lookup below, before `ended` is awaited: mark the
    // rejection handled now, or Node reports it as unhandled; `await ended` still throws it.
    ended.catch(() => undefined);
    // The operation may have ended before the waiter was registered: its current state settles that.
    const current = await client.operations.get(op.id).catch(() => undefined);
    if (current && isFinalOperation(current)) stream.operations.get(op.id)?.resolve(current);
    return checked(await ended);
  }

  /** Closes every stream; pending waits fail. */
  close(): void {
    this.closed = true;
    for (const [key, stream] of this.streams) this.drop(key, stream, new IncusConnectionError('event hub closed'));
  }

  private stream(client: IncusClient): ServerStream {
    if (this.closed) throw new IncusConnectionError('event hub closed');
    const existing = this.streams.get(client);
    if (existing) return existing;
    const stream: ServerStream = {
      subscription: client.events.subscribe({ types: ['lifecycle', 'operation'] }),
      instances: new Map(),
      operations: new Map(),
    };
    this.streams.set(client, stream);
    stream.subscription.then(
      (subscription) => this.read(client, stream, subscription),
      (error: Error) => this.drop(client, stream, error),
    );
    return stream;
  }

  private async read(key: IncusClient, stream: ServerStream, subscription: IncusEventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        if (isLifecycleEvent(event)) {
          if (!STATE_CHANGES.has(event.metadata.action)) continue;
          const name = instanceNameOf(event.metadata.source);
          const request = name === undefined ? undefined : stream.instances.get(name);
          if (request) this.channel.send(request);
        } else if (event.type === 'operation') {
          this.onOperation(stream, event.metadata as Operation);
        }
      }
      this.drop(key, stream, new IncusConnectionError('Incus event stream closed'));
    } catch (error) {
      this.drop(key, stream, error as Error);
    }
  }

  private onOperation(stream: ServerStream, op: Operation): void {
    if (!isFinalOperation(op)) return;
    stream.operations.get(op.id)?.resolve(op);
  }

  private drop(key: IncusClient, stream: ServerStream, error: Error): void {
    if (this.streams.get(key) !== stream) return;
    this.streams.delete(key);
    stream.subscription.then((subscription) => subscription.close()).catch(() => undefined);
    for (const waiter of [...stream.operations.values()]) waiter.reject(error);
    if (this.closed) return;
    this.logger.info({ err: error }, 'Incus event stream ended; its machines are reconciled to resubscribe');
    for (const request of stream.instances.values()) this.channel.send(request);
  }
}

/** The instance name of an API path such as `/1.0/instances/c1` or `/1.0/instances/c1/state?project=p`. */
export function instanceNameOf(path: string): string | undefined {
  const match = /^\/1\.0\/instances\/([^/?]+)/.exec(path);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

function checked(op: Operation): Operation {
  if (op.status_code === StatusCode.Success) return op;
  throw new IncusOperationError(op.err || `operation ${op.status}`, op.id, op.description);
}
