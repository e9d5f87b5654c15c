import type { FieldPath } from './field-path.js';

/**
 * The kind of a {@link FieldError}, with the cause `reason` the API server uses in `Status.details.causes`.
 * Mirrors `k8s.io/apimachinery/pkg/util/validation/field.ErrorType`.
 */
export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany';

/** One problem with one field, like Kubernetes' `field.Error`. Build them with {@link field}. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path, e.g. `spec.replicas`. */
  readonly field: string;
  /** The offending value, shown in the message for the types that carry one. */
  readonly badValue?: unknown;
  /** Why the value is wrong. */
  readonly detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotFound: 'Not found',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
};

const TYPES_WITH_VALUE = new Set<FieldErrorType>([
  'FieldValueInvalid',
  'FieldValueNotSupported',
  'FieldValueDuplicate',
  'FieldValueNotFound',
]);

type PathLike = FieldPath | string;

function make(type: FieldErrorType, path: PathLike, detail: string, badValue?: unknown): FieldError {
  return TYPES_WITH_VALUE.has(type)
    ? { type, field: String(path), badValue, detail }
    : { type, field: String(path), detail };
}

/**
 * Constructors for {@link FieldError}s, named after Kubernetes' `field.Invalid`, `field.Required`, ... Their
 * messages read like the API server's own: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
 */
export const field = {
  /** The value is not acceptable. */
  invalid: (path: PathLike, value: unknown, detail: string) => make('FieldValueInvalid', path, detail, value),
  /** A required field is missing. */
  required: (path: PathLike, detail = '') => make('FieldValueRequired', path, detail),
  /** The field may not be set (in this context). */
  forbidden: (path: PathLike, detail: string) => make('FieldValueForbidden', path, detail),
  /** The value is not one of the supported values. */
  notSupported: (path: PathLike, value: unknown, supported: readonly string[]) =>
    make(
      'FieldValueNotSupported',
      path,
      `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`,
      value,
    ),
  /** The value appears more than once where it must be unique. */
  duplicate: (path: PathLike, value: unknown) => make('FieldValueDuplicate', path, '', value),
  /** The value refers to something that does not exist. */
  notFound: (path: PathLike, value: unknown) => make('FieldValueNotFound', path, '', value),
  /** The value is longer than `max` characters. */
  tooLong: (path: PathLike, max: number) => make('FieldValueTooLong', path, `may not be more than ${max} bytes`),
  /** The list has more than `max` items. */
  tooMany: (path: PathLike, actual: number, max: number) =>
    make('FieldValueTooMany', path, `${actual}: must have at most ${max} items`),
  /** The field changed although it is immutable (`ValidateImmutableField`'s message). */
  immutable: (path: PathLike, value: unknown) => make('FieldValueInvalid', path, 'field is immutable', value),
};

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** `spec.x: Invalid value: "y": reason`, the text Kubernetes' `field.Error.Error()` produces. */
export function formatFieldError(error: FieldError): string {
  let text = `${error.field}: ${TYPE_TEXT[error.type]}`;
  if (TYPES_WITH_VALUE.has(error.type)) text += `: ${formatValue(error.badValue)}`;
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

/**
 * The message of an `Invalid` status, as `apierrors.NewInvalid` writes it:
 * `Widget.example.com "w1" is invalid: spec.x: Invalid value: "y": reason` (several errors in `[a, b]`).
 */
export function invalidMessage(qualifiedKind: string, name: string, errors: readonly FieldError[]): string {
  const texts = errors.map(formatFieldError);
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return `${qualifiedKind} ${JSON.stringify(name)} is invalid: ${aggregate}`;
}
