import { randomInt } from 'node:crypto';

/** The characters the API server uses for generated names: no vowels, no look-alike characters. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;

/**
 * `base` followed by five random characters, as the API server's `generateName` (`names.SimpleNameGenerator`):
 * the base is cut to 58 characters so the result stays within 63.
 */
export function generateName(base: string): string {
  const prefix = base.slice(0, MAX_NAME_LENGTH - RANDOM_LENGTH);
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += ALPHABET.charAt(randomInt(ALPHABET.length));
  return prefix + suffix;
}
