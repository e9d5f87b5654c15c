import { compileGlob } from './glob.js';

type StringFunction = (value: string, args: readonly string[]) => string;

/**
 * Applies the operator of a `${VAR<operator>args}` expression to the variable's value, as drone/envsubst does.
 * Every default form (`=`, `:=`, `:-`, and also `:?`, `:+`) means "the arguments when the value is empty";
 * an unknown operator falls back to the same rule.
 */
export function applyOperator(operator: string, value: string, args: readonly string[]): string {
  return (functions[operator] ?? defaultWhenEmpty)(value, args);
}

const defaultWhenEmpty: StringFunction = (value, args) => (value === '' && args.length > 0 ? args.join('') : value);

const functions: Record<string, StringFunction> = {
  ',': (value) => mapFirst(value, (c) => c.toLowerCase()),
  ',,': (value) => value.toLowerCase(),
  '^': (value) => mapFirst(value, (c) => c.toUpperCase()),
  '^^': (value) => value.toUpperCase(),
  '#': (value, args) => (args.length === 0 ? String(Buffer.byteLength(value)) : trimPrefix(value, args[0], 'shortest')),
  '##': (value, args) => trimPrefix(value, args[0], 'longest'),
  '%': (value, args) => trimSuffix(value, args[0], 'shortest'),
  '%%': (value, args) => trimSuffix(value, args[0], 'longest'),
  ':': substring,
  '/': (value, [search, replacement = '']) => (search === undefined ? value : value.replace(search, () => replacement)),
  '//': (value, [search, replacement = '']) =>
    search === undefined ? value : value.replaceAll(search, () => replacement),
  '/#': (value, args) => {
    const [search, replacement] = args;
    if (args.length !== 2 || search === undefined || replacement === undefined) return value;
    return value.startsWith(search) ? replacement + value.slice(search.length) : value;
  },
  '/%': (value, args) => {
    const [search, replacement] = args;
    if (args.length !== 2 || search === undefined || replacement === undefined) return value;
    return value.endsWith(search) ? value.slice(0, value.length - search.length) + replacement : value;
  },
};

function mapFirst(value: string, map: (char: string) => string): string {
  const [first, ...rest] = Array.from(value);
  return first === undefined ? value : map(first) + rest.join('');
}

/** `${VAR:offset}` / `${VAR:offset:length}`: a negative offset counts from the end; unparsable numbers leave the value. */
function substring(value: string, args: readonly string[]): string {
  const offset = parseInteger(args[0]);
  if (offset === undefined) return value;
  const start = offset < 0 ? Math.max(0, value.length + offset) : offset;
  if (args.length === 1) return value.slice(start);
  const length = parseInteger(args[1]);
  if (length === undefined) return value;
  return start + length >= value.length ? value.slice(start) : value.slice(start, start + Math.max(0, length));
}

function parseInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
}

/** Removes the shortest or longest non-empty prefix of `value` that matches `pattern`. */
function trimPrefix(value: string, pattern: string | undefined, which: 'shortest' | 'longest'): string {
  if (pattern === undefined) return value;
  const glob = compileGlob(pattern);
  if (!glob) return value;
  const lengths = Array.from({ length: value.length }, (_, i) => value.length - i);
  if (which === 'shortest') lengths.reverse();
  const match = lengths.find((length) => glob.test(value.slice(0, length)));
  return match === undefined ? value : value.slice(match);
}

/** Removes the shortest or longest suffix, by trimming the reversed value with the reversed pattern. */
function trimSuffix(value: string, pattern: string | undefined, which: 'shortest' | 'longest'): string {
  if (pattern === undefined) return value;
  return reverse(trimPrefix(reverse(value), reverse(pattern), which));
}

function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}
