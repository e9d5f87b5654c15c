/** The bootstrap data cannot be generated from the given input; the message says which field and why. */
export class CloudInitInputError extends Error {
  override readonly name = 'CloudInitInputError';
}
