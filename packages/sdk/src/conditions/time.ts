/**
 * Formats a time the way `metav1.Time` serialises it: RFC 3339 in UTC, whole seconds
 * (`2026-01-02T15:04:05Z`). Condition times are truncated to seconds so that what is held in memory equals
 * what a read from the API server returns.
 */
export function conditionTime(at: Date = new Date()): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}
