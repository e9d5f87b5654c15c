import { inspect } from 'node:util';

const redacted = '[REDACTED]';

/**
 * A credential (password, application-credential secret, token) that cannot leak by accident:
 * `JSON.stringify`, string conversion and `util.inspect` (so loggers and error dumps) all show
 * `[REDACTED]`; only {@link Secret.reveal} returns the value, at the one place a request needs it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret value, for building a request. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return redacted;
  }

  toJSON(): string {
    return redacted;
  }

  [inspect.custom](): string {
    return redacted;
  }
}
