import { OpenStackApiError, type OpenStackErrorKind } from '../errors.js';
import { requestIdOf, retryAfterMsOf } from './headers.js';

interface ServiceFault {
  type?: string | undefined;
  message: string;
}

/**
 * Builds the classified error for a non-2xx response. The message is the service's own text, taken
 * from whichever error envelope the service uses: Neutron `{"NeutronError":{type,message}}`, Nova and
 * Cinder `{"itemNotFound":{code,message}}`, Keystone `{"error":{code,message,title}}`, Octavia
 * `{"faultstring"}` / `{"description"}`, Glance plain text or HTML.
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  request: string,
  now: () => number = Date.now,
): OpenStackApiError {
  const fault = faultOf(bodyText) ?? { message: plainMessage(bodyText, status) };
  const retryAfterMs = retryAfterMsOf(headers, now);
  return new OpenStackApiError(classify(status, fault, retryAfterMs), fault.message, {
    request,
    status,
    requestId: requestIdOf(headers),
    faultType: fault.type,
    retryAfterMs,
  });
}

const quotaPattern =
  /quota exceeded|over ?quota|quota.*(reached|exceeded|has been met)|exceeded.*quota|limit exceeded/i;

function classify(status: number, fault: ServiceFault, retryAfterMs: number | undefined): OpenStackErrorKind {
  if (status === 404) return 'not-found';
  if (status === 429 || (status === 413 && retryAfterMs !== undefined)) return 'retryable';
  if (
    fault.type === 'OverQuota' ||
    status === 413 ||
    ((status === 403 || status === 409) && quotaPattern.test(fault.message))
  ) {
    return 'over-limit';
  }
  if (status === 409) return 'conflict';
  if (status === 401) return 'unauthorized';
  if (status === 501) return 'not-implemented';
  if (status >= 500) return 'retryable';
  return 'terminal';
}

function faultOf(bodyText: string): ServiceFault | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  const neutron = body.NeutronError;
  if (isRecord(neutron) && typeof neutron.message === 'string') {
    return { type: stringOr(neutron.type), message: neutron.message };
  }
  if (typeof body.faultstring === 'string') return { message: body.faultstring };
  if (typeof body.description === 'string') return { type: stringOr(body.title), message: body.description };
  if (typeof body.message === 'string') return { message: body.message };
  const keys = Object.keys(body);
  if (keys.length === 1) {
    const key = keys[0] as string;
    const inner = body[key];
    if (isRecord(inner) && typeof inner.message === 'string') {
      return { type: key === 'error' ? stringOr(inner.title) : key, message: inner.message };
    }
  }
  return undefined;
}

function plainMessage(bodyText: string, status: number): string {
  const text = bodyText
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? `HTTP ${status}` : text.slice(0, 500);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
