import type { JsonPatchOperation } from '../../src/client/index.js';

/**
 * A strict, independent RFC 6902 applier for the tests (add, remove, replace): it refuses operations that RFC 6902
 * calls errors (removing or replacing a missing member, adding past the end of an array), so a sloppy patch fails.
 */
export function applyJsonPatch(document: unknown, operations: JsonPatchOperation[]): unknown {
  let root = structuredClone(document);
  for (const op of operations) {
    if (op.path === '') {
      if (op.op !== 'replace') throw new Error(`unsupported root operation ${op.op}`);
      root = structuredClone(op.value);
      continue;
    }
    const tokens = op.path
      .slice(1)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (!op.path.startsWith('/')) throw new Error(`bad pointer ${op.path}`);
    const last = tokens.pop() as string;
    let parent: unknown = root;
    for (const token of tokens) {
      parent = child(parent, token, op.path);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!/^(0|[1-9]\d*)$/.test(last) && last !== '-') throw new Error(`bad array index in ${op.path}`);
      if (op.op === 'add') {
        if (index > parent.length) throw new Error(`add past the end at ${op.path}`);
        parent.splice(index, 0, structuredClone(op.value));
      } else {
        if (index >= parent.length) throw new Error(`${op.op} of a missing element at ${op.path}`);
        if (op.op === 'remove') parent.splice(index, 1);
        else if (op.op === 'replace') parent[index] = structuredClone(op.value);
        else throw new Error(`unsupported ${op.op}`);
      }
    } else if (typeof parent === 'object' && parent !== null) {
      const target = parent as Record<string, unknown>;
      const exists = Object.hasOwn(target, last);
      if (op.op === 'add' || op.op === 'replace') {
        if (op.op === 'replace' && !exists) throw new Error(`replace of a missing member at ${op.path}`);
        Object.defineProperty(target, last, {
          value: structuredClone(op.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else if (op.op === 'remove') {
        if (!exists) throw new Error(`remove of a missing member at ${op.path}`);
        delete target[last];
      } else {
        throw new Error(`unsupported ${op.op}`);
      }
    } else {
      throw new Error(`${op.path}: parent is not a container`);
    }
  }
  return root;
}

function child(parent: unknown, token: string, path: string): unknown {
  if (Array.isArray(parent)) {
    const value = parent[Number(token)];
    if (value === undefined) throw new Error(`missing element on the way to ${path}`);
    return value;
  }
  if (typeof parent === 'object' && parent !== null && Object.hasOwn(parent, token)) {
    return (parent as Record<string, unknown>)[token];
  }
  throw new Error(`missing member on the way to ${path}`);
}
