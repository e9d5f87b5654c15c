import { z } from 'zod';
import { parseResponse } from '../http/parse.js';
import type { OpenStackSession } from '../session.js';

const versionsSchema = z.object({ versions: z.array(z.object({ id: z.string(), status: z.string().optional() })) });

/**
 * The newest Octavia API version (`GET <octavia>/`, the last entry's `id`, e.g. `v2.27`), which CAPO
 * compares for features such as VIP allowed CIDRs (≥ v2.12).
 */
export async function latestOctaviaVersion(session: OpenStackSession): Promise<string> {
  const response = await session.request('load-balancer', { method: 'GET', path: '', base: 'versionless' });
  const { versions } = parseResponse(versionsSchema, response.body, 'load-balancer versions');
  const last = versions.at(-1);
  if (!last) throw new Error('load-balancer versions: the endpoint lists no version');
  return last.id;
}

/** Whether `version` (`vX.Y`) is at least `minimum` (`vX.Y`). */
export function octaviaVersionAtLeast(version: string, minimum: string): boolean {
  const parse = (value: string) => value.replace(/^v/, '').split('.').map(Number);
  const [major = 0, minor = 0] = parse(version);
  const [minMajor = 0, minMinor = 0] = parse(minimum);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}
