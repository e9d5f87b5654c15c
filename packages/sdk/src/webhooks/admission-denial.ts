import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';
import { type FieldError, formatFieldError, invalidMessage } from './field-errors.js';

/**
 * Thrown (or returned as a list) by defaulters and validators to reject an object with field errors. The webhook
 * answers `allowed: false` with an `Invalid` (422) status whose message lists every field error, and the API
 * server shows that message to the user.
 */
export class InvalidObjectError extends Error {
  override readonly name = 'InvalidObjectError';
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map(formatFieldError).join('; '));
  }
}

function qualifiedKind(request: AdmissionRequest): string {
  const { group, kind } = request.kind;
  return group === '' ? kind : `${kind}.${group}`;
}

function objectName(request: AdmissionRequest): string {
  return request.name || request.object?.metadata?.name || request.oldObject?.metadata?.name || '';
}

/**
 * The response that rejects a request for the given field errors: code 422, reason `Invalid`, a message such as
 * `Widget.example.com "w1" is invalid: spec.size: Invalid value: -1: must be positive`, and one cause per error.
 */
export function invalidResponse(
  request: AdmissionRequest,
  errors: readonly FieldError[],
  warnings?: readonly string[],
): AdmissionResponse {
  const { group, kind } = request.kind;
  const name = objectName(request);
  return {
    uid: request.uid,
    allowed: false,
    status: {
      code: 422,
      reason: 'Invalid',
      message: invalidMessage(qualifiedKind(request), name, errors),
      details: {
        name,
        group,
        kind,
        causes: errors.map((e) => ({ reason: e.type, message: formatFieldError(e), field: e.field })),
      },
    },
    ...(warnings && warnings.length > 0 ? { warnings: [...warnings] } : {}),
  };
}

/**
 * The response for an error a defaulter or validator threw: an {@link InvalidObjectError} becomes an `Invalid`
 * (422) response; anything else is denied with 403 `Forbidden` and the error's message, as controller-runtime's
 * `admission.Denied` does.
 */
export function denialFor(request: AdmissionRequest, error: unknown): AdmissionResponse {
  if (error instanceof InvalidObjectError) return invalidResponse(request, error.errors);
  const message = error instanceof Error ? error.message : String(error);
  return { uid: request.uid, allowed: false, status: { code: 403, reason: 'Forbidden', message } };
}

/**
 * The response for an object the parser rejected: `Invalid` (422) with its field errors when it reported some,
 * otherwise 400 `BadRequest` with the parser's message.
 */
export function unparsableResponse(
  request: AdmissionRequest,
  outcome: { errors: readonly FieldError[]; message: string },
): AdmissionResponse {
  if (outcome.errors.length > 0) return invalidResponse(request, outcome.errors);
  return { uid: request.uid, allowed: false, status: { code: 400, reason: 'BadRequest', message: outcome.message } };
}
