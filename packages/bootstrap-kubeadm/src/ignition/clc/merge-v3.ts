// Ignition 3's config merge (coreos/ignition `config/merge`) over plain JSON, for merging the additional config
// into the generated one when the output is spec 3: the child (additional) config wins field by field.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists whose items are all kept, parent's first (Ignition's `IgnoreDuplicates`). */
const APPENDED_LISTS = new Set(['append', 'options', 'mountOptions']);
/** Lists sharing one key space: a path is a file, a directory or a link, and the child decides which. */
const NODE_LISTS = ['files', 'directories', 'links'];

/** The identity of a list item: its path, device, name or source; a partition's number, else its label. */
function keyOf(list: string, item: unknown): string {
  if (!isObject(item)) return JSON.stringify(item);
  if (NODE_LISTS.includes(list)) return String(item.path);
  if (list === 'disks' || list === 'filesystems') return String(item.device);
  if (list === 'partitions') {
    if (typeof item.number === 'number' && item.number !== 0) return `number:${item.number}`;
    return typeof item.label === 'string' ? `label:${item.label}` : '';
  }
  if (list === 'merge' || list === 'certificateAuthorities') return String(item.source);
  return String(item.name);
}

/** Which list of `child` holds the item with `key` in the key space of `list`. */
function childListOf(child: Json, list: string, key: string): { list: string; item: unknown } | undefined {
  const candidates = NODE_LISTS.includes(list) ? NODE_LISTS : [list];
  for (const name of candidates) {
    const items = (child[name] as unknown[] | undefined) ?? [];
    const item = items.find((i) => keyOf(name, i) === key);
    if (item !== undefined) return { list: name, item };
  }
  return undefined;
}

function mergeList(parent: Json, child: Json, list: string): unknown[] {
  const parentItems = (parent[list] as unknown[] | undefined) ?? [];
  const childItems = (child[list] as unknown[] | undefined) ?? [];
  if (APPENDED_LISTS.has(list)) return [...parentItems, ...childItems];
  const result: unknown[] = [];
  for (const item of parentItems) {
    const match = childListOf(child, list, keyOf(list, item));
    // A child entry of another node kind replaces this one: it is appended with its own list.
    if (!match) result.push(item);
    else if (match.list === list)
      result.push(isObject(item) && isObject(match.item) ? mergeIgnitionV3(item, match.item) : match.item);
  }
  const parentKeys = new Set(parentItems.map((item) => keyOf(list, item)));
  return [...result, ...childItems.filter((item) => !parentKeys.has(keyOf(list, item)))];
}

/**
 * `child` merged into `parent` as Ignition 3 merges configs: objects field by field, a value the child sets
 * replaces the parent's, keyed lists (files, directories and links by path, units and users by name, disks and
 * filesystems by device, ...) merge entries with the same key and append the child's new ones, `append` and
 * option lists are concatenated.
 */
export function mergeIgnitionV3(parent: Json, child: Json): Json {
  const out: Json = { ...parent };
  const lists = new Set<string>();
  for (const [key, value] of Object.entries(child)) {
    if (Array.isArray(value) || Array.isArray(parent[key])) lists.add(key);
    else if (isObject(value) && isObject(parent[key])) out[key] = mergeIgnitionV3(parent[key] as Json, value);
    else out[key] = value;
  }
  // Node lists affect each other: merge all of them when the child has any.
  if (NODE_LISTS.some((list) => lists.has(list))) for (const list of NODE_LISTS) lists.add(list);
  for (const list of lists) {
    const merged = mergeList(parent, child, list);
    if (merged.length > 0) out[list] = merged;
    else delete out[list];
  }
  return out;
}
