// The key order Go's encoding/json writes flatcar/ignition's v2_3 types in: struct fields in declaration order,
// which the generated types declare sorted by Go field name; the embedded `Node` of files, directories and links
// comes before their own fields.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON keys whose Go field names sort differently from the capitalised key (initialisms). */
const GO_FIELD_NAMES: Readonly<Record<string, string>> = {
  guid: 'GUID',
  httpResponseHeaders: 'HTTPResponseHeaders',
  httpTotal: 'HTTPTotal',
  sshAuthorizedKeys: 'SSHAuthorizedKeys',
  typeGuid: 'TypeGUID',
  uid: 'UID',
  uuid: 'UUID',
};
/** Fields of the embedded `Node` struct, in their order. */
const NODE_FIELDS = ['filesystem', 'group', 'overwrite', 'path', 'user'];
/** Lists whose items embed `Node`. */
const NODE_LISTS = new Set(['files', 'directories', 'links']);

function sortKey(key: string, isNode: boolean): string {
  const nodeIndex = isNode ? NODE_FIELDS.indexOf(key) : -1;
  if (nodeIndex >= 0) return `\u0000${nodeIndex}`;
  return GO_FIELD_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** `value` with every object's keys in the order Go marshals the Ignition 2.3 types. */
export function inGoFieldOrder(value: unknown, isNode = false): unknown {
  if (Array.isArray(value)) return value.map((item) => inGoFieldOrder(item, isNode));
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    const [x, y] = [sortKey(a, isNode), sortKey(b, isNode)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Object.fromEntries(keys.map((key) => [key, inGoFieldOrder(value[key], !isNode && NODE_LISTS.has(key))]));
}
