import type { z } from 'zod';

/** One problem found by `parse()`: where (`spec.ports[0].name`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** An object does not match its kind's schema. `message` lists every issue as `path: message`. */
export class ResourceValidationError extends Error {
  override readonly name = 'ResourceValidationError';

  constructor(
    readonly kind: string,
    /** `namespace/name`, `name`, or undefined when the object has no name. */
    readonly objectName: string | undefined,
    readonly issues: ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    const subject = objectName ? `${kind} "${objectName}"` : kind;
    const details = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super(`${subject} is invalid: ${details.join('; ')}`, options);
  }

  /** Builds the error from a zod error, naming the object when its metadata can be read. */
  static fromZodError(kind: string, input: unknown, error: z.ZodError): ResourceValidationError {
    const issues = error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
    return new ResourceValidationError(kind, objectNameOf(input), issues, { cause: error });
  }
}

/** `['spec', 'ports', 0, 'name']` → `spec.ports[0].name` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${String(step)}` : String(step);
  }
  return out;
}

function objectNameOf(input: unknown): string | undefined {
  const metadata = (input as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  if (typeof metadata?.name !== 'string') return undefined;
  return typeof metadata.namespace === 'string' ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}
