import { Document, isScalar, visit } from 'yaml';

/**
 * Renders objects as a multi-document YAML stream, one document per object separated by `---`, keys in insertion
 * order, no line folding and no anchors, so that the same input always gives the same bytes. Strings that hold a
 * clusterctl variable (`${...}`) are double-quoted, so that a substituted value such as `true` or `8080` stays a
 * string.
 */
export function renderYamlDocuments(documents: readonly unknown[]): string {
  return documents.map(renderDocument).join('---\n');
}

function renderDocument(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}
