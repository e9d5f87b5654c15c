import { readdirSync, readFileSync } from 'node:fs';

/** The package's `templates/` folder: CAPO's cluster templates and ClusterClass, released unchanged. */
export const templatesDirectory = new URL('../../templates/', import.meta.url);

/**
 * The release's cluster templates (`cluster-template*.yaml`, one per flavor) and ClusterClasses
 * (`clusterclass-*.yaml`), by file name. The ORC image templates stay out: clusterctl has no place for them.
 */
export function releaseTemplates(): { templates: Record<string, string>; clusterClasses: Record<string, string> } {
  const templates: Record<string, string> = {};
  const clusterClasses: Record<string, string> = {};
  for (const file of readdirSync(templatesDirectory).sort()) {
    const text = (): string => readFileSync(new URL(file, templatesDirectory), 'utf8');
    if (file.startsWith('cluster-template')) templates[file] = text();
    else if (file.startsWith('clusterclass-')) clusterClasses[file] = text();
  }
  return { templates, clusterClasses };
}
