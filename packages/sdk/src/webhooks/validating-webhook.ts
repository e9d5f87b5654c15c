import type { KubeObject } from '../client/object.js';
import { denialFor, invalidResponse, unparsableResponse } from './admission-denial.js';
import {
  type AdmissionContext,
  type AdmissionRequest,
  type AdmissionResponse,
  admissionContext,
  admissionReview,
  readAdmissionRequest,
} from './admission-review.js';
import type { FieldError } from './field-errors.js';
import { type WebhookHandler, WebhookRequestError } from './handler.js';
import { isJsonObject } from './json-value.js';
import { type ObjectParser, parseObject } from './object-parser.js';

/**
 * What a validation returns: nothing (valid), a list of field errors (invalid when not empty), or both errors and
 * warnings. Warnings reach the user (kubectl prints them) whether or not the request is allowed.
 */
export type ValidationOutcome =
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: a validator with nothing to report returns nothing
  | void
  | readonly FieldError[]
  | { errors?: readonly FieldError[]; warnings?: readonly string[] };

type Result = ValidationOutcome | Promise<ValidationOutcome>;

/**
 * The checks of a validating webhook, as controller-runtime's `Validator[T]`. A missing check allows that
 * operation. A check may also throw: an `InvalidObjectError` rejects with its field errors (422), any other error
 * denies with its message (403).
 */
export interface Validator<T extends KubeObject> {
  /** Types and checks the raw objects first; without it the objects are passed on unchecked. */
  parse?: ObjectParser<T>;
  validateCreate?(object: T, context: AdmissionContext): Result;
  validateUpdate?(oldObject: T, newObject: T, context: AdmissionContext): Result;
  validateDelete?(object: T, context: AdmissionContext): Result;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: AdmissionResponse };

function parseRaw<T extends KubeObject>(
  validator: Validator<T>,
  request: AdmissionRequest,
  raw: unknown,
  which: 'object' | 'oldObject',
): Parsed<T> {
  if (!isJsonObject(raw)) throw new WebhookRequestError(`AdmissionReview ${request.operation} has no ${which}`);
  if (!validator.parse) return { ok: true, value: raw as T };
  const parsed = parseObject(validator.parse, raw);
  return parsed.ok ? parsed : { ok: false, response: unparsableResponse(request, parsed) };
}

async function runChecks<T extends KubeObject>(
  validator: Validator<T>,
  request: AdmissionRequest,
): Promise<AdmissionResponse> {
  const context = admissionContext(request);
  switch (request.operation) {
    case 'CREATE': {
      if (!validator.validateCreate) break;
      const object = parseRaw(validator, request, request.object, 'object');
      if (!object.ok) return object.response;
      return outcomeResponse(request, await validator.validateCreate(object.value, context));
    }
    case 'UPDATE': {
      if (!validator.validateUpdate) break;
      const object = parseRaw(validator, request, request.object, 'object');
      if (!object.ok) return object.response;
      const oldObject = parseRaw(validator, request, request.oldObject, 'oldObject');
      if (!oldObject.ok) return oldObject.response;
      return outcomeResponse(request, await validator.validateUpdate(oldObject.value, object.value, context));
    }
    case 'DELETE': {
      if (!validator.validateDelete) break;
      const oldObject = parseRaw(validator, request, request.oldObject, 'oldObject');
      if (!oldObject.ok) return oldObject.response;
      return outcomeResponse(request, await validator.validateDelete(oldObject.value, context));
    }
    case 'CONNECT':
      break;
  }
  return { uid: request.uid, allowed: true };
}

function outcomeResponse(request: AdmissionRequest, outcome: ValidationOutcome): AdmissionResponse {
  const { errors = [], warnings = [] } = Array.isArray(outcome)
    ? { errors: outcome as readonly FieldError[] }
    : ((outcome ?? {}) as { errors?: readonly FieldError[]; warnings?: readonly string[] });
  if (errors.length > 0) return invalidResponse(request, errors, warnings);
  return { uid: request.uid, allowed: true, ...(warnings.length > 0 ? { warnings: [...warnings] } : {}) };
}

/**
 * A validating admission webhook (`admission.k8s.io/v1`): runs the matching check of `validator` and answers
 * `allowed: true` (with any warnings), or `allowed: false` with a 422 `Invalid` status whose message names each
 * offending field, e.g. `Widget.example.com "w1" is invalid: spec.size: Invalid value: -1: must be positive`.
 * DELETE checks receive the object being deleted. The request `uid` is echoed; `dryRun` is passed on in the
 * context.
 */
export function validatingWebhook<T extends KubeObject = KubeObject>(validator: Validator<T>): WebhookHandler {
  return async (body) => {
    const request = readAdmissionRequest(body);
    try {
      return admissionReview(await runChecks(validator, request));
    } catch (error) {
      if (error instanceof WebhookRequestError) throw error;
      return admissionReview(denialFor(request, error));
    }
  };
}
