/** The `Status` object the API server returns with an error. */
export interface StatusBody {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

/** A non-2xx answer from the API server, carrying its `Status` body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly status: StatusBody,
  ) {
    super(message);
  }

  static fromResponse(code: number, req: { method: string; path: string }, body: StatusBody | undefined): ApiError {
    const status = body ?? {};
    const reason = status.reason ?? reasonForCode(code);
    const message = status.message ?? `${req.method} ${req.path}: HTTP ${code}`;
    return new ApiError(code, reason, message, status);
  }
}

function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 415:
      return 'UnsupportedMediaType';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    default:
      return code >= 500 ? 'InternalError' : 'Unknown';
  }
}

const hasReason = (err: unknown, reason: string): boolean => err instanceof ApiError && err.reason === reason;

/** The object does not exist (HTTP 404). */
export const isNotFound = (err: unknown): boolean =>
  hasReason(err, 'NotFound') || (err instanceof ApiError && err.code === 404);
/** An optimistic-concurrency conflict: the resourceVersion sent is stale (HTTP 409, reason Conflict). */
export const isConflict = (err: unknown): boolean => hasReason(err, 'Conflict');
/** A create for a name that is taken (HTTP 409, reason AlreadyExists). */
export const isAlreadyExists = (err: unknown): boolean => hasReason(err, 'AlreadyExists');
/** Validation failed: schema, CEL rule or admission webhook (HTTP 422, reason Invalid). */
export const isInvalid = (err: unknown): boolean => hasReason(err, 'Invalid');
/** The resourceVersion asked for is too old to serve (HTTP 410, reason Expired / Gone). */
export const isGone = (err: unknown): boolean =>
  err instanceof ApiError && (err.code === 410 || err.reason === 'Expired' || err.reason === 'Gone');
/** Admission or authorization refused the request (HTTP 403). */
export const isForbidden = (err: unknown): boolean => hasReason(err, 'Forbidden');
