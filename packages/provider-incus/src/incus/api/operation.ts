/** Incus status codes shared by operations and instances. */
export const StatusCode = {
  OperationCreated: 100,
  Started: 101,
  Stopped: 102,
  Running: 103,
  Cancelling: 104,
  Pending: 105,
  Starting: 106,
  Stopping: 107,
  Aborting: 108,
  Freezing: 109,
  Frozen: 110,
  Thawed: 111,
  Error: 112,
  Ready: 113,
  Success: 200,
  Failure: 400,
  Cancelled: 401,
} as const;

/** A background operation (`/1.0/operations/<id>`). */
export interface Operation {
  id: string;
  class: 'task' | 'websocket' | 'token';
  description: string;
  created_at: string;
  updated_at: string;
  status: string;
  status_code: number;
  /** Affected resources by kind, e.g. `{ instances: ['/1.0/instances/c1'] }`. */
  resources: Record<string, string[]> | null;
  metadata: Record<string, unknown> | null;
  may_cancel: boolean;
  /** Failure message; empty on success. */
  err: string;
  location: string;
}

/** Whether an operation reached a final state (success, failure or cancelled). */
export function isFinalOperation(op: Operation): boolean {
  return op.status_code >= 200;
}
