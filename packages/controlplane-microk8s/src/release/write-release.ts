import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeLocalRepository } from '@capi-ts/sdk';
import { providerInfo } from '../provider-info.js';
import { releaseComponents, releaseMetadata } from './components.js';

// `pnpm release [--out <dir>] [--version vX.Y.Z]`: writes control-plane-components.yaml and metadata.yaml in the
// layout of a clusterctl local repository, <out>/control-plane-microk8s/<version>/.

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'dist/clusterctl-repository' }, version: { type: 'string' } },
});
const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const version = values.version ?? `v${packageVersion}`;
const entry = await writeLocalRepository(values.out as string, {
  provider: { name: providerInfo.name, type: providerInfo.type },
  version,
  components: releaseComponents(version),
  metadata: releaseMetadata(),
});
process.stdout.write(`${entry.files.join(', ')} written to ${entry.directory}\n`);
