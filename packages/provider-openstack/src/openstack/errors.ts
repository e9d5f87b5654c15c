/**
 * How a failed OpenStack call should be treated, following CAPO's `pkg/utils/errors`:
 * - `not-found`: 404 (deletes treat it as success);
 * - `conflict`: 409 (resource in use, duplicate rule, invalid state of a load balancer);
 * - `over-limit`: a quota is exhausted (Neutron `OverQuota`, Nova/Octavia 403 "Quota exceeded", Cinder 413);
 * - `retryable`: 5xx except 501, 429, and rate limits carrying `Retry-After`;
 * - `not-implemented`: 501 (e.g. health monitors a provider lacks);
 * - `unauthorized`: 401 after re-authentication, or Keystone refusing the credentials;
 * - `terminal`: every other 4xx (bad request, forbidden): retrying the same call cannot help.
 */
export type OpenStackErrorKind =
  | 'not-found'
  | 'conflict'
  | 'over-limit'
  | 'retryable'
  | 'not-implemented'
  | 'unauthorized'
  | 'terminal';

/** What the failed call was, for messages and diagnostics. Never holds credentials. */
export interface OpenStackErrorContext {
  /** `METHOD path` of the request (query string left out). */
  readonly request: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** `X-OpenStack-Request-Id` (or Nova's `X-Compute-Request-Id`) of the response, for support tickets. */
  readonly requestId?: string | undefined;
  /** Server-side error type, e.g. Neutron's `SecurityGroupInUse` or Nova's `itemNotFound`. */
  readonly faultType?: string | undefined;
  /** Delay the server asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

/** An error answered by an OpenStack service, classified for the caller's retry decision. */
export class OpenStackApiError extends Error {
  override name = 'OpenStackApiError';
  readonly request: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly faultType: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: OpenStackErrorKind,
    /** The service's own error text. */
    readonly serviceMessage: string,
    context: OpenStackErrorContext,
  ) {
    const id = context.requestId ? ` [request ${context.requestId}]` : '';
    super(`${context.request}: ${context.status} ${serviceMessage}${id}`);
    this.request = context.request;
    this.status = context.status;
    this.requestId = context.requestId;
    this.faultType = context.faultType;
    this.retryAfterMs = context.retryAfterMs;
  }

  /** Whether sending the same request again later may succeed. */
  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

/** No response: DNS, connection refused or reset, TLS failure, timeout. Retryable. */
export class OpenStackConnectionError extends Error {
  override name = 'OpenStackConnectionError';
  readonly kind = 'retryable' as const;
  readonly retryable = true;
}

/** A response whose body does not have the documented shape. */
export class OpenStackResponseError extends Error {
  override name = 'OpenStackResponseError';
}

/** The `clouds.yaml` secret or its cloud entry cannot be used. */
export class OpenStackConfigError extends Error {
  override name = 'OpenStackConfigError';
}

/** The catalog has no endpoint for a service type, interface and region. */
export class EndpointNotFoundError extends Error {
  override name = 'EndpointNotFoundError';
}

/** A lookup by filter that must match exactly one resource matched none or several (CAPO's `ErrFilterMatch`). */
export class FilterMatchError extends Error {
  override name = 'FilterMatchError';
  constructor(
    readonly reason: 'no-matches' | 'multiple-matches',
    readonly resource: string,
    readonly count: number,
  ) {
    super(reason === 'no-matches' ? `no ${resource} matches the filter` : `${count} ${resource}s match the filter`);
  }
}

/** 404 from a service. */
export function isNotFound(error: unknown): boolean {
  return error instanceof OpenStackApiError && error.kind === 'not-found';
}

/** 409 from a service. */
export function isConflict(error: unknown): boolean {
  return error instanceof OpenStackApiError && error.kind === 'conflict';
}

/** A quota is exhausted. */
export function isOverLimit(error: unknown): boolean {
  return error instanceof OpenStackApiError && error.kind === 'over-limit';
}

/** 501 from a service. */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof OpenStackApiError && error.kind === 'not-implemented';
}

/** A failure that may go away by itself: 5xx (not 501), 429, connection problems. */
export function isRetryable(error: unknown): boolean {
  return (error instanceof OpenStackApiError && error.retryable) || error instanceof OpenStackConnectionError;
}
