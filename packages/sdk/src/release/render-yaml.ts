import { stringify } from 'yaml';

/**
 * Renders objects as a multi-document YAML stream, one document per object separated by `---`, keys in insertion
 * order, no line folding and no anchors, so that the same input always gives the same bytes.
 */
export function renderYamlDocuments(documents: readonly unknown[]): string {
  return documents.map((document) => stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
