/**
 * Formats a date as a Kubernetes `MicroTime` (`2006-01-02T15:04:05.000000Z`), the format of Lease
 * `acquireTime` and `renewTime`. JavaScript dates carry milliseconds, so the last three digits are zero.
 */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
