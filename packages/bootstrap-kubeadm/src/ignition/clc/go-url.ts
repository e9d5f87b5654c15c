// A URL as Go's net/url parses and prints it (`url.Parse(u).String()`), which is how the transpiler writes remote
// file sources: the scheme lower-cased, the path and fragment percent-encoded where they are not validly encoded
// already, the query and opaque data URLs kept as written.

type Mode = 'path' | 'fragment';

function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) return mode === 'path' && c === '?';
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

/** The bytes of `text` with its `%XX` escapes decoded. */
function percentDecoded(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(text[i]));
  }
  return new Uint8Array(bytes);
}

function percentEncoded(bytes: Uint8Array, mode: Mode): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && !shouldEscape(c, mode) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function validEncoded(text: string, mode: Mode): boolean {
  return [...text].every((c) => "!$&'()*+,;=:@[]%".includes(c) || (c.charCodeAt(0) < 0x80 && !shouldEscape(c, mode)));
}

/** Go's `EscapedPath`/`EscapedFragment`: the text as written when validly encoded, else re-encoded. */
function escaped(text: string, mode: Mode): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) throw new Error('invalid URL escape');
  if (validEncoded(text, mode)) return text;
  return percentEncoded(percentDecoded(text), mode);
}

/** `url` as Go's `url.Parse(url).String()` writes it; throws when Go cannot parse it. */
export function goUrlString(url: string): string {
  if ([...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new Error('invalid control character in URL');
  }
  const hash = url.indexOf('#');
  const [main, fragment] = hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(main);
  if (main.startsWith(':')) throw new Error('missing protocol scheme');
  const scheme = schemeMatch?.[1]?.toLowerCase() ?? '';
  let rest = schemeMatch ? main.slice(schemeMatch[0].length) : main;
  const suffix = fragment === undefined ? '' : `#${escaped(fragment, 'fragment')}`;
  const question = rest.indexOf('?');
  const query = question < 0 ? '' : rest.slice(question);
  rest = question < 0 ? rest : rest.slice(0, question);
  if (scheme !== '' && !rest.startsWith('/')) return `${scheme}:${rest}${query}${suffix}`;
  let authority = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return `${scheme === '' ? '' : `${scheme}:`}${authority}${escaped(rest, 'path')}${query}${suffix}`;
}
