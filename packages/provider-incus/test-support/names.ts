import { randomBytes } from 'node:crypto';

/**
 * A name that no other test run uses: `<prefix>-<time>-<random>`, lower case, at most 63 characters
 * and a valid host name (Incus instance names are host names). The prefix must start with a letter.
 */
export function uniqueName(prefix: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(prefix))
    throw new Error(`name prefix ${JSON.stringify(prefix)} must be lower-case letters, digits and '-'`);
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return `${prefix.slice(0, 62 - suffix.length)}-${suffix}`;
}
