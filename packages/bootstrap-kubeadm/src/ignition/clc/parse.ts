import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { CLC_SHAPE, type ClcShape, UNSUPPORTED_CLC_SECTIONS } from './schema.js';

/**
 * A Container Linux Config value after validation: plain objects, arrays, strings (bytes for `!!binary`),
 * integers and booleans.
 */
export type ClcValue = string | number | boolean | Uint8Array | ClcValue[] | { [key: string]: ClcValue };
/** A validated Container Linux Config object. */
export type ClcObject = { [key: string]: ClcValue };

/** What the transpiler reports about a config: errors always fail, warnings (and notes) only when `strict`. */
export interface ClcReport {
  errors: string[];
  warnings: string[];
}

// Messages name the YAML path and the problem, never the value: additional configs carry password hashes and keys.

const where = (path: string): string => (path === '' ? 'the config' : path);

/** The first line of a YAML library error without the source excerpt it quotes. */
const yamlProblem = (message: string): string => (message.split('\n')[0] ?? '').replace(/:$/, '');

/**
 * Parses `text` as the transpiler does (`mode: 0644` is octal, `yes`/`no` are booleans for boolean fields, any
 * scalar is text for text fields): a key it does not know is a warning (`Config has unrecognized key`), a value of
 * the wrong type, a duplicate key or a YAML syntax error is an error. `etcd` and `flannel` sections are errors naming
 * the section: this provider does not generate their systemd units.
 */
export function parseContainerLinuxConfig(text: string): { config: ClcObject; report: ClcReport } {
  // Go's YAML decoder reads the first document of a stream and ignores the rest.
  const document = parseAllDocuments(text, { version: '1.1' })[0];
  const report: ClcReport = {
    errors: (document?.errors ?? []).map((e) => `YAML: ${yamlProblem(e.message)}`),
    warnings: [],
  };
  if (report.errors.length > 0) return { config: {}, report };
  const root = document?.contents ?? null;
  if (!document || root === null || (isScalar(root) && root.value === null)) {
    report.warnings.push('Configuration is empty');
    return { config: {}, report };
  }
  if (!isMap(root)) {
    report.errors.push('the config is not a YAML mapping');
    return { config: {}, report };
  }
  for (const section of UNSUPPORTED_CLC_SECTIONS) {
    // A section without a value is no section for Go's decoder.
    const value = root.get(section, true);
    if (value !== undefined && !(isScalar(value) && value.value === null)) {
      report.errors.push(
        `${section}: not supported by this provider (it would generate systemd units); write them under systemd.units`,
      );
    }
  }
  const config = new ShapeReader(document, report).read(root, CLC_SHAPE, '');
  return { config: (config ?? {}) as ClcObject, report };
}

/** Reads YAML nodes against the transpiler's shape tree, reporting problems by path. */
class ShapeReader {
  constructor(
    private readonly document: Document,
    private readonly report: ClcReport,
  ) {}

  read(node: unknown, shape: ClcShape, path: string): ClcValue | undefined {
    const resolved = isAlias(node) ? node.resolve(this.document) : node;
    if (resolved === null || resolved === undefined || (isScalar(resolved) && resolved.value === null))
      return undefined;
    if (typeof shape === 'string') return this.scalar(resolved, shape, path);
    if ('list' in shape) return this.list(resolved, shape.list, path);
    return this.mapping(resolved, shape.object, path);
  }

  private list(node: unknown, item: ClcShape, path: string): ClcValue[] | undefined {
    if (!isSeq(node)) {
      this.report.errors.push(`${where(path)}: expected a list`);
      return undefined;
    }
    // A null list item decodes to the zero value of its type.
    return node.items.map((child, index) => this.read(child, item, `${path}[${index}]`) ?? zeroOf(item));
  }

  private mapping(node: unknown, fields: Readonly<Record<string, ClcShape>>, path: string): ClcObject | undefined {
    if (!isMap(node)) {
      this.report.errors.push(`${where(path)}: expected a mapping`);
      return undefined;
    }
    const out: ClcObject = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = path === '' ? key : `${path}.${key}`;
      const fieldShape = fields[key];
      if (fieldShape === undefined) {
        const refused = path === '' && (UNSUPPORTED_CLC_SECTIONS as readonly string[]).includes(key);
        if (!refused) this.report.warnings.push(`${childPath}: Config has unrecognized key: ${key}`);
        continue;
      }
      const value = this.read(pair.value, fieldShape, childPath);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  private scalar(node: unknown, shape: 'string' | 'int' | 'bool', path: string): ClcValue | undefined {
    const expected = shape === 'int' ? 'an integer' : shape === 'bool' ? 'a boolean' : 'a string';
    if (!isScalar(node)) {
      this.report.errors.push(`${path}: expected ${expected}`);
      return undefined;
    }
    const value = node.value;
    if (shape === 'string') {
      // Go's YAML decoder stores any scalar into a text field as written; `!!binary` as its decoded bytes.
      if (value instanceof Uint8Array) return new Uint8Array(value);
      return typeof value === 'string' ? value : (node.source ?? String(value));
    }
    if (shape === 'int' && typeof value === 'number' && Number.isInteger(value)) return value;
    if (shape === 'bool' && typeof value === 'boolean') return value;
    this.report.errors.push(`${path}: expected ${expected}`);
    return undefined;
  }
}

function zeroOf(shape: ClcShape): ClcValue {
  if (shape === 'string') return '';
  if (shape === 'int') return 0;
  if (shape === 'bool') return false;
  return 'list' in shape ? [] : {};
}
