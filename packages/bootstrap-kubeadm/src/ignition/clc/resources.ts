import { dataUrl } from '../encoding.js';
import { bytes, int, omitEmpty, present, section, str } from './access.js';
import { goUrlString } from './go-url.js';
import type { ClcObject } from './parse.js';

// Pieces of a Container Linux Config that convert the same way to Ignition 2.3 and 3.4.

type Json = Record<string, unknown>;

/** `verification.hash` as Ignition's `"<function>-<sum>"`, or `{}` unless both are set. */
export function verificationOf(value: ClcObject): Json {
  const hash = section(value, 'hash');
  const fn = str(hash, 'function');
  const sum = str(hash, 'sum');
  return fn !== '' && sum !== '' ? { hash: `${fn}-${sum}` } : {};
}

/** A node's `user`/`group` (`{id, name}`), present when the config names it at all. */
export function ownerOf(value: ClcObject | undefined): Json | undefined {
  if (value === undefined) return undefined;
  return { ...present('id', int(value, 'id')), ...omitEmpty('name', str(value, 'name')) };
}

/** A file's source: a remote URL as Go prints it, inline text as a data URL, otherwise an empty data URL. */
export function fileSourceOf(contents: ClcObject): string {
  const url = str(section(contents, 'remote'), 'url');
  const inline = bytes(contents, 'inline');
  return url !== '' ? goUrlString(url) : inline.length > 0 ? dataUrl(inline) : 'data:,';
}
