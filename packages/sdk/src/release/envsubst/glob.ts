/**
 * Compiles a shell pattern as drone/envsubst matches it in `${VAR#pattern}` and friends: `*` matches any run of
 * characters (including `/`), `?` any one character, `[...]` / `[^...]` a class with `a-z` ranges, `\` escapes the
 * next character. Returns `undefined` for a malformed pattern, which those functions treat as "no match".
 */
export function compileGlob(pattern: string): RegExp | undefined {
  const chars = Array.from(pattern);
  let source = '^';
  let i = 0;
  while (i < chars.length) {
    const char = chars[i++] as string;
    if (char === '*') source += '[^]*';
    else if (char === '?') source += '[^]';
    else if (char === '\\') {
      const escaped = chars[i++];
      if (escaped === undefined) return undefined;
      source += literal(escaped);
    } else if (char === '[') {
      const compiled = compileClass(chars, i);
      if (!compiled) return undefined;
      source += compiled.source;
      i = compiled.next;
    } else source += literal(char);
  }
  return new RegExp(`${source}$`, 'u');
}

/** Compiles the class that starts after `[` at `start`; returns the regular expression and the index after `]`. */
function compileClass(chars: string[], start: number): { source: string; next: number } | undefined {
  let i = start;
  const negated = chars[i] === '^';
  if (negated) i++;
  let body = '';
  let ranges = 0;
  for (;;) {
    if (chars[i] === ']' && ranges > 0) break;
    const low = classChar(chars, i);
    if (!low) return undefined;
    i = low.next;
    let high = low;
    if (chars[i] === '-') {
      const upper = classChar(chars, i + 1);
      if (!upper) return undefined;
      high = upper;
      i = upper.next;
    }
    const [lo, hi] = [low.char.codePointAt(0) ?? 0, high.char.codePointAt(0) ?? 0];
    if (lo <= hi) body += lo === hi ? literal(low.char) : `${literal(low.char)}-${literal(high.char)}`;
    ranges++;
  }
  const source = body === '' ? (negated ? '[^]' : '[]') : `[${negated ? '^' : ''}${body}]`;
  return { source, next: i + 1 };
}

/** One (possibly escaped) character of a class; `-` and `]` must be escaped, as in Go's `path.Match`. */
function classChar(chars: string[], i: number): { char: string; next: number } | undefined {
  const char = chars[i];
  if (char === undefined || char === '-' || char === ']') return undefined;
  if (char !== '\\') return { char, next: i + 1 };
  const escaped = chars[i + 1];
  return escaped === undefined ? undefined : { char: escaped, next: i + 2 };
}

function literal(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
}
