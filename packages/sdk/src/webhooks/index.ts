export { InvalidObjectError, invalidResponse } from './admission-denial.js';
export {
  type AdmissionContext,
  type AdmissionOperation,
  type AdmissionRequest,
  type AdmissionResponse,
  type AdmissionReview,
  type AdmissionStatus,
  admissionReview,
  readAdmissionRequest,
} from './admission-review.js';
export { type ServingCertificate, TLS_CERT_FILE, TLS_KEY_FILE } from './certificate-watcher.js';
export { type Defaulter, defaultingWebhook } from './defaulting-webhook.js';
export { type FieldError, type FieldErrorType, field, formatFieldError, invalidMessage } from './field-errors.js';
export { FieldPath } from './field-path.js';
export { type WebhookContext, type WebhookHandler, WebhookRequestError } from './handler.js';
export { createJsonPatch, escapePointerToken } from './json-patch.js';
export { jsonEqual } from './json-value.js';
export type { ObjectParser } from './object-parser.js';
export { type ValidationOutcome, type Validator, validatingWebhook } from './validating-webhook.js';
export { MAX_REQUEST_BYTES, WebhookServer, type WebhookServerOptions } from './webhook-server.js';
