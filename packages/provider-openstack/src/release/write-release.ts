import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  buildComponents,
  DEFAULT_RELEASE_OUT_DIR,
  type LocalRepositoryEntry,
  writeLocalRepository,
} from '@capi-ts/sdk';
import { providerInfo } from '../index.js';
import { componentsSpec, releaseMetadata } from './components.js';
import { releaseTemplates } from './templates.js';

/**
 * Writes this provider's release in the layout of a clusterctl local repository, `<out>/infrastructure-openstack/
 * <version>/`: infrastructure-components.yaml, metadata.yaml, CAPO's cluster templates and ClusterClass. Arguments:
 * `[--out <dir>] [--version vX.Y.Z]`; the version defaults to the package's.
 */
export async function writeRelease(args: readonly string[]): Promise<LocalRepositoryEntry> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string', default: DEFAULT_RELEASE_OUT_DIR }, version: { type: 'string' } },
  });
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const version = values.version ?? `v${packageJson.version}`;
  return await writeLocalRepository(values.out, {
    provider: { name: providerInfo.name, type: providerInfo.type },
    version,
    components: buildComponents(componentsSpec(version)),
    metadata: releaseMetadata(),
    ...releaseTemplates(),
  });
}
