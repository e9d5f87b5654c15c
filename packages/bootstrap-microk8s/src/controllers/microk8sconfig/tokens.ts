import { randomBytes, randomInt } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** MicroK8s join tokens are exactly 32 characters. */
export const JOIN_TOKEN_LENGTH = 32;

/** A join token: 32 letters from a CSPRNG (CABPM uses the same alphabet with a non-cryptographic generator). */
export function generateJoinToken(): string {
  let token = '';
  for (let i = 0; i < JOIN_TOKEN_LENGTH; i++) token += LETTERS[randomInt(LETTERS.length)];
  return token;
}

/** The cluster agent's Cluster API token: 16 random bytes in base64, as CABPM generates it. */
export function generateAuthToken(): string {
  return randomBytes(16).toString('base64');
}
