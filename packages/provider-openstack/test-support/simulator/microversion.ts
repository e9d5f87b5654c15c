import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';

/** A negotiated `major.minor` API microversion. */
export interface Microversion {
  readonly major: number;
  readonly minor: number;
}

/** How a service negotiates microversions (Nova: compute 2.1–2.96 with a legacy header; Cinder: volume 3.0–3.70). */
export interface MicroversionPolicy {
  /** Service type in `OpenStack-API-Version: <type> <version>`. */
  readonly serviceType: string;
  readonly min: string;
  readonly max: string;
  /** Pre-standard header honoured when the standard one names no version for this service. */
  readonly legacyHeader?: string;
}

/** Parses `2.53`; `undefined` when malformed. */
export function parseMicroversion(text: string): Microversion | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** `a` compared with `b`: negative, zero or positive. */
export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** Whether the request's microversion is `version` or newer. */
export function atLeast(microversion: Microversion | undefined, version: string): boolean {
  const wanted = parseMicroversion(version);
  return microversion !== undefined && wanted !== undefined && compareMicroversions(microversion, wanted) >= 0;
}

/** `2.53` */
export function formatMicroversion(version: Microversion): string {
  return `${version.major}.${version.minor}`;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function requestedVersion(policy: MicroversionPolicy, headers: IncomingHttpHeaders): string | undefined {
  const standard = headerValue(headers, 'OpenStack-API-Version');
  if (standard) {
    for (const entry of standard.split(',')) {
      const [service, version] = entry.trim().split(/\s+/);
      if (service?.toLowerCase() === policy.serviceType && version) return version;
    }
  }
  return policy.legacyHeader ? headerValue(headers, policy.legacyHeader) : undefined;
}

/** The microversion a request asks for (minimum when it names none; `latest` = maximum), or a 400/406 error. */
export function negotiateMicroversion(policy: MicroversionPolicy, headers: IncomingHttpHeaders): Microversion {
  const min = parseMicroversion(policy.min)!;
  const max = parseMicroversion(policy.max)!;
  const requested = requestedVersion(policy, headers);
  if (requested === undefined) return min;
  if (requested.trim().toLowerCase() === 'latest') return max;
  const version = parseMicroversion(requested);
  if (!version) {
    throw new ApiError(
      400,
      `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.`,
    );
  }
  if (compareMicroversions(version, min) < 0 || compareMicroversions(version, max) > 0) {
    throw new ApiError(
      406,
      `Version ${requested} is not supported by the API. Minimum is ${policy.min} and maximum is ${policy.max}.`,
    );
  }
  return version;
}

/** Response headers announcing the microversion that was used. */
export function microversionHeaders(policy: MicroversionPolicy, version: Microversion): Record<string, string> {
  const text = formatMicroversion(version);
  const headers: Record<string, string> = {
    'OpenStack-API-Version': `${policy.serviceType} ${text}`,
    Vary: policy.legacyHeader ? `OpenStack-API-Version, ${policy.legacyHeader}` : 'OpenStack-API-Version',
  };
  if (policy.legacyHeader) headers[policy.legacyHeader] = text;
  return headers;
}
