/**
 * A zod schema (or a part of it) has no form Kubernetes accepts in a CRD: a tuple, a recursive schema, a union
 * of unrelated types, a regular expression RE2 cannot run, ... Raised by `defineResource()`, so the mistake shows
 * when the API module is loaded rather than when the CRD is installed.
 */
export class SchemaConversionError extends Error {
  override readonly name = 'SchemaConversionError';

  constructor(
    /** Where in the object the problem is, e.g. `.spec.ports[*].name`; empty for the root. */
    readonly fieldPath: string,
    /** What is wrong and how to express it instead. */
    readonly reason: string,
  ) {
    super(`${fieldPath || '<root>'}: ${reason}`);
  }
}
