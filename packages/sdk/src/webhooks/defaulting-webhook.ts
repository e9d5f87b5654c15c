import type { KubeObject } from '../client/object.js';
import { denialFor, unparsableResponse } from './admission-denial.js';
import { type AdmissionContext, admissionContext, admissionReview, readAdmissionRequest } from './admission-review.js';
import type { WebhookHandler } from './handler.js';
import { WebhookRequestError } from './handler.js';
import { createJsonPatch } from './json-patch.js';
import { isJsonObject, jsonClone } from './json-value.js';
import { type ObjectParser, parseObject } from './object-parser.js';

/**
 * Sets defaults on an object: mutate it in place or return a new one. Throwing an `InvalidObjectError` rejects
 * the request with field errors; any other error denies it with its message.
 */
export type Defaulter<T extends KubeObject> = (
  object: T,
  context: AdmissionContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a defaulter that mutates in place returns nothing
) => T | void | Promise<T | void>;

/**
 * A mutating admission webhook (`admission.k8s.io/v1`) that applies `defaulter` to the objects of CREATE and UPDATE
 * requests and answers with the difference as a base64 JSON Patch (`patchType: JSONPatch`). DELETE and CONNECT are
 * allowed untouched; `dryRun` requests are handled like any other (see `AdmissionContext.dryRun`).
 *
 * As in controller-runtime, fields the parser drops (unknown to the typed object) are *not* removed from the
 * stored object: only removals the defaulter itself makes appear in the patch.
 */
export function defaultingWebhook<T extends KubeObject>(
  parser: ObjectParser<T>,
  defaulter: Defaulter<T>,
): WebhookHandler {
  return async (body) => {
    const request = readAdmissionRequest(body);
    if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') {
      return admissionReview({ uid: request.uid, allowed: true });
    }
    const raw = request.object;
    if (!isJsonObject(raw)) throw new WebhookRequestError(`AdmissionReview ${request.operation} has no object`);
    const parsed = parseObject(parser, jsonClone(raw));
    if (!parsed.ok) return admissionReview(unparsableResponse(request, parsed));

    const beforeDefaulting = jsonClone(parsed.value);
    let defaulted: unknown;
    try {
      defaulted = jsonClone((await defaulter(parsed.value, admissionContext(request))) ?? parsed.value);
    } catch (error) {
      return admissionReview(denialFor(request, error));
    }
    const droppedByParser = new Set(
      createJsonPatch(raw, beforeDefaulting)
        .filter((op) => op.op === 'remove')
        .map((op) => op.path),
    );
    const patch = createJsonPatch(raw, defaulted).filter((op) => !(op.op === 'remove' && droppedByParser.has(op.path)));
    if (patch.length === 0) return admissionReview({ uid: request.uid, allowed: true });
    return admissionReview({
      uid: request.uid,
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
    });
  };
}
