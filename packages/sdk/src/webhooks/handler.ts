import type { Logger } from '../log/index.js';

/** What a {@link WebhookHandler} receives besides the request body. */
export interface WebhookContext {
  /** A logger for this request; handlers must not log object bodies (they may hold secrets). */
  readonly logger: Logger;
}

/**
 * Serves one webhook path: receives the parsed JSON request body (an `AdmissionReview`, a `ConversionReview`) and
 * returns the JSON response body. Throw a {@link WebhookRequestError} for a malformed request (HTTP 400); any other
 * error becomes HTTP 500.
 */
export type WebhookHandler = (body: unknown, context: WebhookContext) => unknown | Promise<unknown>;

/** A request the handler cannot understand; the server answers HTTP 400 with this message. */
export class WebhookRequestError extends Error {
  override readonly name = 'WebhookRequestError';
}
