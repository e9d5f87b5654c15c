import type { KubeObject } from '../client/object.js';
import { type WebhookHandler, WebhookRequestError } from '../webhooks/handler.js';
import { isJsonObject } from '../webhooks/json-value.js';
import type { Conversion } from './define-conversion.js';

/** `request` of an `apiextensions.k8s.io/v1` `ConversionReview`. */
export interface ConversionRequest {
  uid: string;
  desiredAPIVersion: string;
  objects: KubeObject[];
}

/** `response` of an `apiextensions.k8s.io/v1` `ConversionReview`. */
export interface ConversionResponse {
  uid: string;
  /** The objects at `desiredAPIVersion`, in request order (empty on failure). */
  convertedObjects: KubeObject[];
  result: { status: 'Success' } | { status: 'Failure'; message: string };
}

/** An `apiextensions.k8s.io/v1` `ConversionReview`, as sent by the API server or returned by a webhook. */
export interface ConversionReview {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'ConversionReview';
  request?: ConversionRequest;
  response?: ConversionResponse;
}

function readConversionRequest(body: unknown): ConversionRequest {
  if (!isJsonObject(body) || body.kind !== 'ConversionReview' || body.apiVersion !== 'apiextensions.k8s.io/v1') {
    throw new WebhookRequestError('expected an apiextensions.k8s.io/v1 ConversionReview');
  }
  const request = body.request;
  if (!isJsonObject(request) || typeof request.uid !== 'string' || request.uid === '') {
    throw new WebhookRequestError('ConversionReview has no request.uid');
  }
  if (typeof request.desiredAPIVersion !== 'string' || !Array.isArray(request.objects)) {
    throw new WebhookRequestError('ConversionReview request needs desiredAPIVersion and objects');
  }
  if (!request.objects.every((o) => isJsonObject(o) && isJsonObject(o.metadata))) {
    throw new WebhookRequestError('ConversionReview request.objects must be objects with metadata');
  }
  return request as unknown as ConversionRequest;
}

function describe(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind ?? 'object'} ${namespace ? `${namespace}/` : ''}${name ?? ''}`;
}

/**
 * The `/convert` handler for CRDs with `conversion.strategy: Webhook` (`conversionReviewVersions: ["v1"]`).
 * Converts every object of a ConversionReview with the conversion that handles its kind and versions, echoing the
 * request `uid`. If any object cannot be converted, the result is a `Failure` naming it, and the API server fails
 * the read or write.
 */
export function conversionWebhook(...conversions: Conversion[]): WebhookHandler {
  return (body, { logger }) => {
    const request = readConversionRequest(body);
    const desired = request.desiredAPIVersion;
    const review = (response: ConversionResponse): ConversionReview => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response,
    });
    const convertedObjects: KubeObject[] = [];
    for (const object of request.objects) {
      try {
        const conversion = conversions.find(
          (c) => c.handles(String(object.apiVersion), object.kind) && c.handles(desired, object.kind),
        );
        if (!conversion) throw new Error(`no conversion from ${object.apiVersion} to ${desired}`);
        convertedObjects.push(conversion.convert(object, desired));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = `converting ${describe(object)}: ${reason}`;
        logger.warn({ uid: request.uid, desiredAPIVersion: desired }, message);
        return review({ uid: request.uid, convertedObjects: [], result: { status: 'Failure', message } });
      }
    }
    return review({ uid: request.uid, convertedObjects, result: { status: 'Success' } });
  };
}
