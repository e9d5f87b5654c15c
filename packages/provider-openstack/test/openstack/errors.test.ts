import { describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  isConflict,
  isNotFound,
  isNotImplemented,
  isOverLimit,
  isRetryable,
  OpenStackConnectionError,
} from '../../src/openstack/index.js';

function error(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return errorFromResponse(status, new Headers(headers), text, 'GET /v2.0/x', () => Date.parse('2026-01-01T00:00:00Z'));
}

describe('error classification', () => {
  it('keeps Neutron fault types and the request id', () => {
    const inUse = error(
      409,
      { NeutronError: { type: 'SecurityGroupInUse', message: 'Security Group abc in use.', detail: '' } },
      { 'x-openstack-request-id': 'req-1' },
    );
    expect(inUse).toMatchObject({ kind: 'conflict', faultType: 'SecurityGroupInUse', requestId: 'req-1', status: 409 });
    expect(inUse.message).toBe('GET /v2.0/x: 409 Security Group abc in use. [request req-1]');
    expect(isConflict(inUse)).toBe(true);
    const quota = error(409, { NeutronError: { type: 'OverQuota', message: 'Quota exceeded for resources: [port].' } });
    expect(quota.kind).toBe('over-limit');
    expect(isOverLimit(quota)).toBe(true);
  });

  it('reads Nova, Cinder, Keystone, Octavia and Glance envelopes', () => {
    const missing = error(
      404,
      { itemNotFound: { code: 404, message: 'Instance x could not be found.' } },
      {
        'x-compute-request-id': 'req-nova',
      },
    );
    expect(missing).toMatchObject({ kind: 'not-found', faultType: 'itemNotFound', requestId: 'req-nova' });
    expect(isNotFound(missing)).toBe(true);
    expect(
      error(403, {
        forbidden: { code: 403, message: 'Quota exceeded for cores: Requested 4, but already used 20 of 20 cores' },
      }).kind,
    ).toBe('over-limit');
    expect(error(413, { overLimit: { code: 413, message: 'VolumeLimitExceeded' } }).kind).toBe('over-limit');
    expect(
      error(403, { faultcode: 'Client', faultstring: 'Quota has been met for resources: Load Balancer' }).kind,
    ).toBe('over-limit');
    expect(error(401, { error: { code: 401, message: 'no', title: 'Unauthorized' } })).toMatchObject({
      kind: 'unauthorized',
      faultType: 'Unauthorized',
    });
    expect(
      error(409, { faultcode: 'Client', faultstring: 'Invalid state PENDING_UPDATE of loadbalancer resource x' }),
    ).toMatchObject({
      kind: 'conflict',
      serviceMessage: 'Invalid state PENDING_UPDATE of loadbalancer resource x',
    });
    expect(error(400, '<html><body><h1>400 Bad Request</h1>Invalid marker</body></html>')).toMatchObject({
      kind: 'terminal',
      serviceMessage: '400 Bad Request Invalid marker',
    });
  });

  it('marks 5xx (not 501) and 429 retryable with Retry-After', () => {
    const busy = error(503, '', {});
    expect(busy).toMatchObject({ kind: 'retryable', serviceMessage: 'HTTP 503' });
    expect(isRetryable(busy)).toBe(true);
    expect(error(429, {}, { 'retry-after': '7' })).toMatchObject({ kind: 'retryable', retryAfterMs: 7000 });
    expect(error(429, {}, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }).retryAfterMs).toBe(30_000);
    expect(error(413, { overLimit: { message: 'rate' } }, { 'retry-after': '2' }).kind).toBe('retryable');
    const notImplemented = error(501, { faultstring: 'Provider does not support health monitors' });
    expect(isNotImplemented(notImplemented)).toBe(true);
    expect(isRetryable(notImplemented)).toBe(false);
    expect(isRetryable(new OpenStackConnectionError('reset'))).toBe(true);
    expect(error(400, { NeutronError: { type: 'InvalidInput', message: 'bad' } }).kind).toBe('terminal');
  });
});
