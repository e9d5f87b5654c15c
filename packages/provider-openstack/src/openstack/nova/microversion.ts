import { z } from 'zod';
import { OpenStackResponseError } from '../errors.js';
import { parseResponse } from '../http/parse.js';
import type { OpenStackSession, ServiceRequest } from '../session.js';

/** The Nova microversions CAPO uses (`pkg/clients/compute.go`). */
export const novaMicroversions = {
  /** Every call. */
  minimum: '2.38',
  /** Server tags and block-device tags. */
  tagging: '2.53',
  /** Attaching a multiattach volume. */
  multiattach: '2.60',
} as const;

/** The microversions a Nova endpoint supports. */
export interface NovaVersionRange {
  readonly min: string;
  readonly max: string;
}

const versionSchema = z.object({
  id: z.string(),
  status: z.string().optional(),
  version: z.string(),
  min_version: z.string(),
});
const versionDocumentSchema = z.union([
  z.object({ version: versionSchema }),
  z.object({ versions: z.array(versionSchema) }),
]);

/** A Nova connection: the session plus the microversion range found by discovery. */
export interface ComputeApi {
  readonly session: OpenStackSession;
  readonly versions: NovaVersionRange;
}

/**
 * Discovers the endpoint's microversions (`GET <compute endpoint>`, 200 or 300) and checks that the
 * minimum CAPO needs (2.38) is supported, as CAPO does whenever it creates a compute client.
 */
export async function connectCompute(session: OpenStackSession): Promise<ComputeApi> {
  const response = await session.request('compute', { method: 'GET', path: '', base: 'endpoint' });
  const document = parseResponse(versionDocumentSchema, response.body, 'compute version discovery');
  const version =
    'version' in document ? document.version : (document.versions.find((v) => v.id === 'v2.1') ?? document.versions[0]);
  if (!version || version.version === '') {
    throw new OpenStackResponseError('compute version discovery: the endpoint supports no microversions');
  }
  const versions = { min: version.min_version, max: version.version };
  if (!supportsMicroversion(versions, novaMicroversions.minimum)) {
    throw new OpenStackResponseError(
      `no compatible server version: the compute endpoint supports ${versions.min} to ${versions.max}, ` +
        `and at least ${novaMicroversions.minimum} is required`,
    );
  }
  return { session, versions };
}

/** Whether `microversion` lies within the range. */
export function supportsMicroversion(range: NovaVersionRange, microversion: string): boolean {
  return compareMicroversions(range.min, microversion) <= 0 && compareMicroversions(microversion, range.max) <= 0;
}

/** Orders `X.Y` microversions numerically. */
export function compareMicroversions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** Sends a compute request at a microversion (both headers Nova accepts). */
export function computeRequest(
  api: ComputeApi,
  microversion: string,
  request: ServiceRequest,
): ReturnType<OpenStackSession['request']> {
  if (!supportsMicroversion(api.versions, microversion)) {
    throw new OpenStackResponseError(
      `compute microversion ${microversion} is needed, the endpoint supports ${api.versions.min} to ${api.versions.max}`,
    );
  }
  return api.session.request('compute', {
    ...request,
    headers: {
      ...request.headers,
      'x-openstack-nova-api-version': microversion,
      'openstack-api-version': `compute ${microversion}`,
    },
  });
}
