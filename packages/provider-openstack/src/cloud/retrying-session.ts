import { setTimeout as delay } from 'node:timers/promises';
import type { ServiceType } from '../openstack/catalog.js';
import { isRetryable, OpenStackApiError } from '../openstack/errors.js';
import type { HttpResponse } from '../openstack/http/transport.js';
import type { OpenStackSession, ServiceRequest } from '../openstack/session.js';

/** How many times a request is sent at most. */
const MAX_ATTEMPTS = 4;
/** First pause between attempts; doubled each time. */
const FIRST_PAUSE_MS = 50;
/** A `Retry-After` longer than this is left to the controller's requeue instead of blocking the worker. */
const MAX_RETRY_AFTER_MS = 2_000;

/**
 * A session that repeats requests failing with a transient error (5xx other than 501, 429, a reset connection) a
 * few times with a short, doubling pause, or the pause `Retry-After` asks for. Only requests that can be repeated
 * safely are: `GET`, `HEAD`, `PUT` and `DELETE`. A `POST` is not — a create that failed transiently may still
 * have happened, so the caller's next reconcile finds it by name instead of creating a twin.
 */
export function retryingSession(inner: OpenStackSession): OpenStackSession {
  return {
    projectId: () => inner.projectId(),
    async request(service: ServiceType, request: ServiceRequest): Promise<HttpResponse> {
      const repeatable = request.method !== 'POST' && request.method !== 'PATCH';
      for (let attempt = 1; ; attempt++) {
        try {
          return await inner.request(service, request);
        } catch (error) {
          if (!repeatable || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
          const retryAfter = error instanceof OpenStackApiError ? error.retryAfterMs : undefined;
          if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) throw error;
          await delay(retryAfter ?? FIRST_PAUSE_MS * 2 ** (attempt - 1), undefined, { signal: request.signal });
        }
      }
    },
  };
}
