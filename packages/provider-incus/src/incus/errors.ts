/**
 * An error answered by the Incus daemon. `message` is the daemon's own error text unchanged, so
 * callers can match the strings CAPN matches (`Instance not found`, `Network load balancer not found`).
 */
export class IncusApiError extends Error {
  override name = 'IncusApiError';
  constructor(
    message: string,
    /** HTTP status (or the envelope's `error_code`). */
    readonly status: number,
    /** `METHOD /path` of the failed request. */
    readonly request: string,
  ) {
    super(message);
  }
}

/** 404: the instance, image, profile, network or operation does not exist. */
export class IncusNotFoundError extends IncusApiError {
  override name = 'IncusNotFoundError';
}

/** 409: the object already exists or is in a state that forbids the change. */
export class IncusConflictError extends IncusApiError {
  override name = 'IncusConflictError';
}

/** 403: the client is not trusted or not allowed in this project. */
export class IncusForbiddenError extends IncusApiError {
  override name = 'IncusForbiddenError';
}

/** A background operation that ended in failure or was cancelled; `message` is its `err` text. */
export class IncusOperationError extends Error {
  override name = 'IncusOperationError';
  constructor(
    message: string,
    readonly operationId: string,
    readonly description: string,
  ) {
    super(message);
  }
}

/** An operation that did not finish within the caller's time limit. */
export class IncusTimeoutError extends Error {
  override name = 'IncusTimeoutError';
}

/** A command run with `exec` that exited non-zero when the caller asked for a check. */
export class IncusExecError extends Error {
  override name = 'IncusExecError';
  constructor(
    readonly command: readonly string[],
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`command ${JSON.stringify(command)} failed with exit code ${exitCode}: ${stderr.trim().slice(-500)}`);
  }
}

/** The connection could not be used (bad URL, unreadable socket, TLS failure, network error). */
export class IncusConnectionError extends Error {
  override name = 'IncusConnectionError';
}

/** Builds the typed error for an HTTP status. */
export function apiErrorFor(status: number, message: string, request: string): IncusApiError {
  if (status === 404) return new IncusNotFoundError(message, status, request);
  if (status === 409) return new IncusConflictError(message, status, request);
  if (status === 403) return new IncusForbiddenError(message, status, request);
  return new IncusApiError(message, status, request);
}

/** Whether an error means "does not exist" (for idempotent deletes and existence checks). */
export function isIncusNotFound(error: unknown): error is IncusNotFoundError {
  return error instanceof IncusNotFoundError;
}
