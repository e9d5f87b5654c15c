/** The request ID a service gave its answer: `X-OpenStack-Request-Id`, else Nova's `X-Compute-Request-Id`. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? undefined;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (never negative); undefined when absent or invalid. */
export function retryAfterMsOf(headers: Headers, now: () => number = Date.now): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
