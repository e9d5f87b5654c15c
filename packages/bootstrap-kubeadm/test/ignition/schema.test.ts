import { readdirSync, readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

// Every golden Ignition document (test/golden/*.ign, with the merged Container Linux Configs clc-*) is valid against the Ignition project's JSON schema of its spec
// version (vendored in test/fixtures/ignition-schemas), and uses no property the spec does not define: Ignition
// refuses unknown keys, which the schemas themselves allow, so the documents' keys are also checked against the
// properties the schemas declare.

type Schema = Record<string, unknown>;

// A CommonJS module: under Node's ESM interop its class is the `default` of the default import.
const Ajv = AjvModule.default;

const schemas = new URL('../fixtures/ignition-schemas/', import.meta.url);
const golden = new URL('../golden/', import.meta.url);

function loadSchema(version: '2_3' | '3_4'): Schema {
  return JSON.parse(readFileSync(new URL(`v${version}/ignition.json`, schemas), 'utf8')) as Schema;
}

/** Resolves a local `$ref` (`#/definitions/a/definitions/b`) against the root schema. */
function resolve(node: Schema, root: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Schema)[part];
  return resolve(target as Schema, root);
}

/** The declared properties of a schema node, its `allOf` parts included. */
function propertiesOf(node: Schema, root: Schema): Record<string, Schema> | undefined {
  const resolved = resolve(node, root);
  const parts = [resolved, ...((resolved.allOf as Schema[] | undefined) ?? []).map((p) => resolve(p, root))];
  const declared = parts.filter((p) => p.properties).map((p) => p.properties as Record<string, Schema>);
  return declared.length > 0 ? Object.assign({}, ...declared) : undefined;
}

/** JSON pointers of keys in `value` that the schema does not declare (Ignition rejects such keys). */
function unknownKeys(value: unknown, node: Schema, root: Schema, at = ''): string[] {
  const resolved = resolve(node, root);
  if (Array.isArray(value)) {
    const items = resolved.items as Schema | undefined;
    return items ? value.flatMap((v, i) => unknownKeys(v, items, root, `${at}/${i}`)) : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const properties = propertiesOf(resolved, root);
  if (!properties) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const child = properties[key];
    return child ? unknownKeys(v, child, root, `${at}/${key}`) : [`${at}/${key}`];
  });
}

function validator(version: '2_3' | '3_4') {
  const schema = loadSchema(version);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (document: unknown) => ({
    errors: validate(document) ? [] : (validate.errors ?? []),
    unknown: unknownKeys(document, schema, schema),
  });
}

const documents = readdirSync(golden).filter((f) => f.endsWith('.ign'));

describe.each([
  ['2.3.0', '2_3'],
  ['3.4.0', '3_4'],
] as const)('Ignition %s golden documents', (specVersion, schemaVersion) => {
  const validate = validator(schemaVersion);
  const files = documents.filter((f) => f.endsWith(`-${specVersion}.ign`));

  it('exist for every role and scenario', () => {
    expect(files.filter((f) => !f.startsWith('clc-'))).toHaveLength(6);
  });

  it.each(files)('%s is valid', (file) => {
    const document = JSON.parse(readFileSync(new URL(file, golden), 'utf8')) as { ignition: { version: string } };
    expect(document.ignition.version).toBe(specVersion);
    expect(validate(document)).toEqual({ errors: [], unknown: [] });
  });

  it('rejects a document with a wrong type or an unknown key', () => {
    const document = JSON.parse(readFileSync(new URL(files[0] as string, golden), 'utf8')) as {
      storage: { files: Record<string, unknown>[] };
    };
    const badMode = structuredClone(document);
    (badMode.storage.files[0] as Record<string, unknown>).mode = '0644';
    expect(validate(badMode).errors).not.toEqual([]);
    const unknownKey = structuredClone(document);
    (unknownKey.storage.files[0] as Record<string, unknown>).permissions = 420;
    expect(validate(unknownKey).unknown).toEqual(['/storage/files/0/permissions']);
  });
});
