/** Bytes as an RFC 2397 data URL without media type, percent-encoding all but RFC 2396 unreserved characters. */
export function dataUrl(bytes: Uint8Array): string {
  let out = 'data:,';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `value` as Go's `encoding/json` writes it: like JSON.stringify, plus its HTML-safe escapes. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The text a YAML literal block (`|`, clip chomping) holds when every line of `text` is written indented by
 * `indent` spaces after a first line of the same indentation, as CABPK's Container Linux Config template writes
 * file contents: lines keep their text, blank lines stay, trailing line breaks become exactly one.
 */
export function literalBlockValue(text: string): string {
  const body = text.replace(/\n+$/, '');
  return body === '' ? '' : `${body}\n`;
}
