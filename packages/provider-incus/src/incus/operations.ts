import { isFinalOperation, type Operation, StatusCode } from './api/operation.js';
import { IncusApiError, IncusOperationError, IncusTimeoutError } from './errors.js';
import { type IncusTransport, segment } from './transport.js';

/** How long to wait for an operation. */
export interface WaitOptions {
  /** Overall limit in seconds; default 300. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/** Options of calls that start a background operation. */
export interface OperationOptions extends WaitOptions {
  /** Return the operation as created instead of waiting for it to finish. Default true (wait). */
  wait?: boolean;
}

/** Longest single long-poll; the loop re-polls until the overall limit. */
const longPollSeconds = 30;

/** `/1.0/operations`: background tasks of the daemon. */
export class OperationsApi {
  constructor(private readonly transport: IncusTransport) {}

  /** `GET /1.0/operations/<id>`. */
  get(id: string, signal?: AbortSignal): Promise<Operation> {
    return this.transport.sync({ method: 'GET', path: `/1.0/operations/${segment(id)}`, signal });
  }

  /** `GET /1.0/operations?recursion=1`, flattened across statuses (`running`, `success`, ...). */
  async list(signal?: AbortSignal): Promise<Operation[]> {
    const byStatus = await this.transport.sync<Record<string, Operation[]> | null>({
      method: 'GET',
      path: '/1.0/operations',
      query: { recursion: 1 },
      signal,
    });
    return Object.values(byStatus ?? {}).flat();
  }

  /** `DELETE /1.0/operations/<id>`: cancels a cancellable operation. */
  async cancel(id: string, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'DELETE', path: `/1.0/operations/${segment(id)}`, signal });
  }

  /**
   * Waits for an operation to finish through `GET /1.0/operations/<id>/wait` long-polls (no sleeps)
   * and returns it. Throws {@link IncusOperationError} when it fails or is cancelled and
   * {@link IncusTimeoutError} when the limit passes first.
   */
  async wait(id: string, options: WaitOptions = {}): Promise<Operation> {
    const deadline = Date.now() + (options.timeoutSeconds ?? 300) * 1000;
    for (;;) {
      const remaining = Math.ceil((deadline - Date.now()) / 1000);
      if (remaining <= 0) throw new IncusTimeoutError(`operation ${id} did not finish in time`);
      const op = await this.pollOnce(id, Math.min(remaining, longPollSeconds), options.signal);
      if (isFinalOperation(op)) return checked(op);
    }
  }

  /** Waits for `op` unless `options.wait` is false. */
  async settle(op: Operation, options: OperationOptions = {}): Promise<Operation> {
    if (options.wait === false) return op;
    return isFinalOperation(op) ? checked(op) : this.wait(op.id, options);
  }

  private async pollOnce(id: string, seconds: number, signal?: AbortSignal): Promise<Operation> {
    try {
      return await this.transport.sync<Operation>({
        method: 'GET',
        path: `/1.0/operations/${segment(id)}/wait`,
        query: { timeout: seconds },
        signal,
      });
    } catch (error) {
      // A long-poll that times out answers with an error; the operation itself tells the truth.
      if (error instanceof IncusApiError && error.status !== 404) return this.get(id, signal);
      throw error;
    }
  }
}

function checked(op: Operation): Operation {
  if (op.status_code === StatusCode.Success) return op;
  throw new IncusOperationError(op.err || `operation ${op.status}`, op.id, op.description);
}
