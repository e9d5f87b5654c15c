import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_RELEASE_OUT_DIR, writeLocalRepository } from '@capi-ts/sdk';
import { providerInfo } from '../index.js';
import { releaseComponents, releaseMetadata } from './components.js';

// `pnpm release [--out <dir>] [--version vX.Y.Z]`: writes control-plane-components.yaml, metadata.yaml and the
// cluster templates of templates/ in the layout of a clusterctl local repository,
// <out>/control-plane-kamaji/<version>/. (The SDK's runReleaseCommand takes neither objects beyond the
// ComponentsSpec — the extra RBAC — nor templates, hence this script.)

const { values } = parseArgs({
  options: { out: { type: 'string', default: DEFAULT_RELEASE_OUT_DIR }, version: { type: 'string' } },
});
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const version = values.version ?? `v${packageJson.version}`;
const templatesDir = new URL('../../templates/', import.meta.url);
const templates = Object.fromEntries(
  readdirSync(templatesDir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => [file, readFileSync(new URL(file, templatesDir), 'utf8')]),
);
const entry = await writeLocalRepository(values.out, {
  provider: { name: providerInfo.name, type: providerInfo.type },
  version,
  components: releaseComponents(version),
  metadata: releaseMetadata(),
  templates,
});
process.stdout.write(`${entry.files.join(', ')} written to ${entry.directory}\n`);
