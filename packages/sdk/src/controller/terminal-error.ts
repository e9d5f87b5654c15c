/**
 * An error that retrying cannot fix (invalid spec, unsupported configuration). Thrown from a reconcile it is
 * logged and counted in `controller_runtime_terminal_reconcile_errors_total`, but the request is not requeued:
 * the next change of the object triggers the next attempt (controller-runtime's `reconcile.TerminalError`).
 * Wrap the underlying error as `cause`.
 */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';
}

/** True when `error` is a {@link TerminalError} or has one in its `cause` chain (like Go's `errors.Is`). */
export function isTerminalError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    if (current instanceof TerminalError) return true;
    seen.add(current);
  }
  return false;
}
