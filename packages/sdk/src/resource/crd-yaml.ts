import { stringify } from 'yaml';
import type { CustomResourceDefinition } from './crd-types.js';

/**
 * Renders a CRD as a YAML document that starts with `---`. Map keys are sorted at every level (as controller-gen
 * does), so the output depends only on the content and diffs stay small. Strings that YAML 1.1 readers such as
 * kubectl would take for booleans or numbers (`on`, `yes`, `1.0`) are quoted.
 */
export function renderCrdYaml(crd: CustomResourceDefinition): string {
  return `---\n${stringify(crd, { sortMapEntries: true, version: '1.1', lineWidth: 100, indentSeq: false })}`;
}

/** The file name controller-gen gives a CRD: `<group>_<plural>.yaml`. */
export function crdFileName(crd: CustomResourceDefinition): string {
  return `${crd.spec.group}_${crd.spec.names.plural}.yaml`;
}
