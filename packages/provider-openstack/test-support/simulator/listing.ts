import { ApiError } from './errors.js';
import type { Reply, RequestContext } from './router.js';
import { ok } from './router.js';

const reservedParameters = new Set([
  'fields',
  'limit',
  'marker',
  'page_reverse',
  'sort_key',
  'sort_dir',
  'tags',
  'tags-any',
  'not-tags',
  'not-tags-any',
]);

/** How a list answer treats query parameters that name no attribute. */
export interface ListOptions {
  /** Filters with their own matching logic, keyed by query parameter. */
  readonly customFilters?: Readonly<Record<string, CustomFilter>>;
  /** `reject` (Neutron's filter validation: 400) or `ignore` (Octavia, Cinder). Default `reject`. */
  readonly unknownFilters?: 'reject' | 'ignore';
  /** Always include `<collection>_links` (Octavia), even when empty. */
  readonly alwaysLinks?: boolean;
}

/** A filter Neutron applies specially (e.g. `fixed_ips=ip_address=…`); returns whether the item matches. */
export type CustomFilter = (item: Record<string, unknown>, values: readonly string[]) => boolean;

function valueMatches(actual: unknown, wanted: string): boolean {
  if (typeof actual === 'boolean') return String(actual) === wanted.toLowerCase();
  if (actual === null || actual === undefined) return wanted === '';
  if (Array.isArray(actual)) return actual.some((entry) => String(entry) === wanted);
  if (typeof actual === 'object') return false;
  return String(actual) === wanted;
}

function tagList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter((tag) => tag !== '');
}

function matchesTags(item: Record<string, unknown>, query: URLSearchParams): boolean {
  const tags = Array.isArray(item.tags) ? (item.tags as string[]) : [];
  const all = tagList(query, 'tags');
  const any = tagList(query, 'tags-any');
  const notAll = tagList(query, 'not-tags');
  const notAny = tagList(query, 'not-tags-any');
  if (all.length > 0 && !all.every((tag) => tags.includes(tag))) return false;
  if (any.length > 0 && !any.some((tag) => tags.includes(tag))) return false;
  if (notAll.length > 0 && notAll.every((tag) => tags.includes(tag))) return false;
  if (notAny.length > 0 && notAny.some((tag) => tags.includes(tag))) return false;
  return true;
}

/**
 * Answers a Neutron- or Octavia-style list request: attribute filters (repeated values are alternatives; unknown
 * attributes are a 400 as with Neutron's filter validation, or ignored), tag filters (`tags`, `tags-any`,
 * `not-tags`, `not-tags-any`), `limit`/`marker` pagination with `<collection>_links`, and `fields`.
 */
export function filteredList(
  context: RequestContext,
  collection: string,
  items: ReadonlyArray<Record<string, unknown>>,
  options: ListOptions = {},
): Reply {
  const customFilters = options.customFilters ?? {};
  const { query } = context;
  const keys = new Set(items.flatMap((item) => Object.keys(item)));
  let selected = items.filter((item) => matchesTags(item, query));
  for (const name of new Set(query.keys())) {
    if (reservedParameters.has(name)) continue;
    const values = query.getAll(name);
    const custom = customFilters[name];
    if (custom) selected = selected.filter((item) => custom(item, values));
    else if (keys.has(name) || items.length === 0) {
      selected = selected.filter((item) => values.some((value) => valueMatches(item[name], value)));
    } else if (options.unknownFilters !== 'ignore') {
      throw new ApiError(400, `['${name}'] is invalid attribute for filtering`, 'HTTPBadRequest');
    }
  }
  const marker = query.get('marker');
  if (marker) {
    const index = selected.findIndex((item) => item.id === marker);
    selected = index >= 0 ? selected.slice(index + 1) : selected;
  }
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : 0;
  const body: Record<string, unknown> = {};
  let page = selected;
  if (options.alwaysLinks) body[`${collection}_links`] = [];
  if (limit > 0 && selected.length > limit) {
    page = selected.slice(0, limit);
    const next = new URLSearchParams(query);
    next.set('marker', String(page[page.length - 1]?.id));
    body[`${collection}_links`] = [{ rel: 'next', href: `${context.serviceUrl}${context.path}?${next.toString()}` }];
  }
  const fields = query.getAll('fields');
  body[collection] = fields.length > 0 ? page.map((item) => project(item, fields)) : page;
  return ok(body);
}

/** Keeps only the requested `fields` of a resource. */
export function project(item: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in item).map((field) => [field, item[field]]));
}
