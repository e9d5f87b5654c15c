import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { RepositoryRelease } from './release-repository.js';

/**
 * The Cluster API contract a release declares for its own release series in `metadata.yaml` (`v1beta2` for most of
 * ours, `v1beta1` for the OpenStack provider, as CAPO v0.14); its CRDs carry the label `cluster.x-k8s.io/<contract>`.
 */
export function declaredContract(release: RepositoryRelease): string | undefined {
  const metadata = parse(readFileSync(path.join(release.directory, 'metadata.yaml'), 'utf8')) as {
    releaseSeries?: Array<{ major: number; minor: number; contract: string }>;
  };
  const [major, minor] = release.version.slice(1).split('.').map(Number);
  return metadata.releaseSeries?.find((s) => s.major === major && s.minor === minor)?.contract;
}
