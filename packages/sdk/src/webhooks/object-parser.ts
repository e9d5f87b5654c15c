import type { KubeObject } from '../client/object.js';
import { type FieldError, field } from './field-errors.js';
import { isJsonObject } from './json-value.js';

/**
 * Turns the raw object of a request into the typed object a defaulter or validator works on: a function, or
 * anything with a `parse(value)` method, such as a zod schema or a resource definition. It throws when the object
 * does not fit; zod-style errors (an `issues` list with `path` and `message`) become field errors.
 */
export type ObjectParser<T extends KubeObject> = ((value: unknown) => T) | { parse(value: unknown): T };

/** The result of {@link parseObject}: the typed object, or the field errors that prevented parsing. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; message: string };

interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

function issuesOf(error: unknown): IssueLike[] | undefined {
  if (!isJsonObject(error) && !(error instanceof Error)) return undefined;
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return undefined;
  const valid = issues.every((i) => isJsonObject(i) && Array.isArray(i.path) && typeof i.message === 'string');
  return valid ? (issues as IssueLike[]) : undefined;
}

function issuePath(path: IssueLike['path']): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '<root>' : text;
}

function valueAt(root: unknown, path: IssueLike['path']): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function issueError(root: unknown, issue: IssueLike): FieldError {
  const path = issuePath(issue.path);
  const value = valueAt(root, issue.path);
  return value === undefined ? field.required(path, issue.message) : field.invalid(path, value, issue.message);
}

/** Runs a parser on a value; never throws. */
export function parseObject<T extends KubeObject>(parser: ObjectParser<T>, value: unknown): ParseOutcome<T> {
  try {
    const parsed = typeof parser === 'function' ? parser(value) : parser.parse(value);
    return { ok: true, value: parsed };
  } catch (error) {
    const issues = issuesOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (!issues) return { ok: false, errors: [], message };
    return { ok: false, errors: issues.map((issue) => issueError(value, issue)), message };
  }
}
