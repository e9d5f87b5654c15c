import { readFileSync } from 'node:fs';
import type { KubeObject } from '@capi-ts/sdk';
import { parseAllDocuments } from 'yaml';

/** The objects of a multi-document YAML file (components or templates), as written (variables not substituted). */
export function readYamlObjects(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return document.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

/** `Kind namespace/name` or `Kind name`: how the scenarios compare sets of objects. */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
