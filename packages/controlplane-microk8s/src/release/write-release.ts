import { runReleaseCommand } from '@capi-ts/sdk';
import { providerInfo } from '../provider-info.js';
import { componentsSpec, releaseMetadata } from './components.js';

// `pnpm release [--out <dir>] [--version vX.Y.Z]`: writes control-plane-components.yaml and metadata.yaml in the
// layout of a clusterctl local repository, <out>/control-plane-microk8s/<version>/.

await runReleaseCommand({
  provider: { name: providerInfo.name, type: providerInfo.type },
  packageJson: new URL('../../package.json', import.meta.url),
  components: componentsSpec,
  metadata: releaseMetadata(),
});
