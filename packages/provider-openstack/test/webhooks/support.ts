import type { AdmissionContext, FieldError, ValidationOutcome } from '@capi-ts/sdk';

/** The admission context of a plain (not dry-run) request. */
export function admissionContext(operation: AdmissionContext['operation'], dryRun = false): AdmissionContext {
  return { operation, dryRun, userInfo: { username: 'test' } } as AdmissionContext;
}

/** The field errors of a validator's outcome, as `path: detail` lines. */
export function errorLines(outcome: ValidationOutcome): string[] {
  const errors = (Array.isArray(outcome) ? outcome : ((outcome ?? {}) as { errors?: FieldError[] }).errors) ?? [];
  return (errors as FieldError[]).map((e) => `${e.field}: ${e.detail}`);
}
