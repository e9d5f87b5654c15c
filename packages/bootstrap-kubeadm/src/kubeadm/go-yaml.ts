// A YAML writer that produces the bytes Go's sigs.k8s.io/yaml (go-yaml v2) produces for the same JSON value,
// because CABPK embeds kubeadm documents marshalled that way into the bootstrap data: keys in go-yaml's natural
// order, block sequences not indented under their key, go-yaml's choice of plain, single- or double-quoted
// scalars, and plain and single-quoted scalars folded at spaces past column 80.

/** A JSON value as kubeadm documents hold it. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

const BEST_WIDTH = 80;

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** go-yaml v2's map key order: letters by code point, non-letters first, digit runs compared as numbers. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length - br.length;
}

const NON_STRING = new RegExp(
  [
    '^(~|null|Null|NULL)$',
    '^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$',
    '^[-+]?(0|[1-9][0-9_]*)$',
    '^[-+]?0b[01_]+$',
    '^[-+]?0[0-7_]+$',
    '^[-+]?0x[0-9a-fA-F_]+$',
    '^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$',
    '^[-+]?\\.(inf|Inf|INF)$',
    '^\\.(nan|NaN|NAN)$',
    '^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$',
    '^\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?$',
  ].join('|'),
);

/** Whether go-yaml would read the plain scalar back as something other than a string. */
function resolvesToNonString(value: string): boolean {
  return value === '' || value === '<<' || NON_STRING.test(value);
}

const BLANK = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n';

/** libyaml's analysis: may `value` be written as a plain scalar in block context? */
function plainAllowed(value: string): boolean {
  if (value === '' || value.startsWith('---') || value.startsWith('...')) return false;
  if (/^[\s]|[\s]$/.test(value)) return false;
  if (/[^\x20-\x7e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(value)) return false;
  const first = value[0] as string;
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ('?:-'.includes(first) && BLANK(value[1])) return false;
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (c === ':' && BLANK(value[i + 1])) return false;
    if (c === '#' && BLANK(value[i - 1])) return false;
  }
  return true;
}

/** Whether `value` has characters only a double-quoted scalar can carry. */
function needsDoubleQuotes(value: string): boolean {
  return /[^\x20-\x7e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(value);
}

/** Writes `text` starting at `column`, replacing single spaces past column 80 by a line break and `indent`. */
function fold(text: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ' ' && i > 0 && text[i - 1] !== ' ' && text[i + 1] !== ' ' && col > BEST_WIDTH) {
      out += `\n${' '.repeat(indent)}`;
      col = indent;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

/** Go's double-quoted YAML scalar (libyaml escapes). */
function doubleQuoted(value: string): string {
  let out = '"';
  for (const c of value) {
    const code = c.codePointAt(0) as number;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\0') out += '\\0';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** A scalar string as go-yaml writes it at `column`, continuation lines indented by `indent`. */
function scalarString(value: string, column: number, indent: number): string {
  if (value.includes('\n')) {
    const keep = value.endsWith('\n') ? (value.endsWith('\n\n') ? '+' : '') : '-';
    const body = value.replace(/\n$/, '').split('\n');
    return `|${keep}\n${body.map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n')}`;
  }
  if (!resolvesToNonString(value) && plainAllowed(value)) return fold(value, column, indent);
  if (resolvesToNonString(value) || needsDoubleQuotes(value)) return doubleQuoted(value);
  return `'${fold(value.replaceAll("'", "''"), column + 1, indent)}'`;
}

function scalar(value: string | number | boolean | null, column: number, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return scalarString(value, column, indent);
  return String(value);
}

const isCollection = (v: YamlValue): v is YamlValue[] | { [key: string]: YamlValue } =>
  v !== null && typeof v === 'object';
const isEmpty = (v: YamlValue[] | { [key: string]: YamlValue }): boolean =>
  Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;

function emit(value: YamlValue, indent: number, lines: string[], prefix: string): void {
  if (Array.isArray(value)) {
    for (const item of value) emitEntry('- ', item, indent, lines, prefix);
    return;
  }
  if (isCollection(value)) {
    const keys = Object.keys(value).sort(compareKeys);
    for (const key of keys)
      emitEntry(`${scalarString(key, indent, indent + 2)}:`, value[key] as YamlValue, indent, lines, prefix);
  }
}

/** One mapping entry (`head` = `key:`) or sequence item (`head` = `- `), with its value. */
function emitEntry(head: string, value: YamlValue, indent: number, lines: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  const isItem = head === '- ';
  if (isCollection(value) && !isEmpty(value)) {
    if (isItem) {
      // The first line of a collection inside a sequence item shares the line of the dash.
      const nested: string[] = [];
      emit(value, indent + 2, nested, '');
      const [first = '', ...rest] = nested;
      lines.push(`${prefix}${pad}- ${first.slice(indent + 2)}`, ...rest.map((line) => prefix + line));
      return;
    }
    lines.push(`${prefix}${pad}${head}`);
    emit(value, Array.isArray(value) ? indent : indent + 2, lines, prefix);
    return;
  }
  const separator = isItem ? '' : ' ';
  const column = indent + head.length + separator.length;
  const text = isCollection(value) ? (Array.isArray(value) ? '[]' : '{}') : scalar(value, column, indent + 2);
  lines.push(`${prefix}${pad}${head}${separator}${text}`);
}

/** `value` as go-yaml v2 marshals it (a mapping document ending with a newline). */
export function marshalGoYaml(value: { [key: string]: YamlValue }): string {
  const lines: string[] = [];
  emit(value, 0, lines, '');
  return `${lines.join('\n')}\n`;
}
