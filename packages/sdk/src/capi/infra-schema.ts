import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type { JsonSchemaProps } from '../resource/crd-types.js';

/**
 * Checks that the CRD schema of `type` keeps a field the infrastructure plumbing writes. The API server prunes
 * fields its schema does not declare, so a write of an undeclared field would vanish, look unwritten on the
 * next reconcile, be written again, and so on for ever. Types without a schema (plain `resourceType()`) pass.
 */
export type FieldCheck = (path: readonly string[]) => void;

/** A {@link FieldCheck} for `type`: throws naming the kind and the missing field. */
export function schemaFieldCheck(type: ResourceType<KubeObject>): FieldCheck {
  const schema = (type as { openApiSchema?: JsonSchemaProps }).openApiSchema;
  return (path) => {
    if (schema && !declaresField(schema, path)) {
      throw new Error(
        `${type.kind}: its schema has no ${path.join('.')}, which Cluster API providers write; add it to the schema`,
      );
    }
  };
}

/** Whether `schema` keeps the value at `path`: each step is a declared property or sits under preserved fields. */
export function declaresField(schema: JsonSchemaProps, path: readonly string[]): boolean {
  let node: JsonSchemaProps | undefined = schema;
  for (const key of path) {
    if (node['x-kubernetes-preserve-unknown-fields'] === true) return true;
    node = node.properties?.[key];
    if (!node) return false;
  }
  return true;
}
