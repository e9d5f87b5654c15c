/**
 * A shell argument in double quotes, as CABPM writes arguments (Go's `%q`): plain values come out exactly as the
 * Go provider prints them (`"10.0.3.39:30000/aaaa"`), and `\`, `"`, `$` and backticks are escaped so the shell
 * passes every value through literally instead of expanding it.
 */
export function quoteArgument(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** Several quoted arguments, space separated. */
export function quoteArguments(values: readonly string[]): string {
  return values.map(quoteArgument).join(' ');
}

/** A value as a bare shell word when it is one already (host names, addresses), else {@link quoteArgument}. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9._:-]+$/.test(value) ? value : quoteArgument(value);
}
