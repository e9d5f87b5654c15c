/** Timestamps in the exact formats the services print. */

/** `2026-11-23T08:00:00Z` (Neutron, Nova, Glance). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-11-23T08:00:00.000000Z` (Keystone). */
export function isoMicros(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** `2026-11-23T08:00:00.000000` (Cinder, no zone). */
export function isoMicrosNoZone(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** `2026-11-23T08:00:00` (Octavia, no zone). */
export function isoSecondsNoZone(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
