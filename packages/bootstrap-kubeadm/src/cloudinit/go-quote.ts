const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** Whether Go's `strconv.IsPrint` holds for a code point (letters, marks, numbers, punctuation, symbols, space). */
const isPrint = (c: string): boolean => c === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c);

/** `value` as Go's `fmt.Sprintf("%q", value)` prints it: a double-quoted string with Go escapes. */
export function goQuote(value: string): string {
  let out = '"';
  for (const c of value) {
    const escaped = ESCAPES[c];
    if (escaped) {
      out += escaped;
      continue;
    }
    if (isPrint(c)) {
      out += c;
      continue;
    }
    const code = c.codePointAt(0) as number;
    if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
