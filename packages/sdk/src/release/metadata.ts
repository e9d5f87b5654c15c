import { parseReleaseVersion } from './release-version.js';
import { renderYamlDocuments } from './render-yaml.js';

/** Maps the `major.minor` release series of a provider to the Cluster API contract it implements. */
export interface ReleaseSeries {
  readonly major: number;
  readonly minor: number;
  /** e.g. `v1beta2` */
  readonly contract: string;
}

/** The clusterctl `metadata.yaml` of a provider release. */
export interface ClusterctlMetadata {
  readonly apiVersion: 'clusterctl.cluster.x-k8s.io/v1alpha3';
  readonly kind: 'Metadata';
  readonly releaseSeries: readonly ReleaseSeries[];
}

/**
 * Builds `metadata.yaml` content with the checks clusterctl (v1.11+) applies: at least one release series, whole
 * non-negative numbers, a contract version such as `v1beta2`, and no `major.minor` listed twice.
 */
export function buildMetadata(input: { releaseSeries: readonly ReleaseSeries[] }): ClusterctlMetadata {
  if (input.releaseSeries.length === 0) throw new Error('metadata: at least one release series is required');
  const seen = new Set<string>();
  for (const series of input.releaseSeries) {
    const key = `${series.major}.${series.minor}`;
    if (![series.major, series.minor].every((n) => Number.isInteger(n) && n >= 0)) {
      throw new Error(`metadata: release series ${key}: major and minor must be whole non-negative numbers`);
    }
    if (!/^v\d+((alpha|beta)\d+)?$/.test(series.contract)) {
      throw new Error(
        `metadata: release series ${key}: contract ${JSON.stringify(series.contract)} is not like v1beta2`,
      );
    }
    if (seen.has(key)) throw new Error(`metadata: release series ${key} is listed twice`);
    seen.add(key);
  }
  return {
    apiVersion: 'clusterctl.cluster.x-k8s.io/v1alpha3',
    kind: 'Metadata',
    releaseSeries: input.releaseSeries.map(({ major, minor, contract }) => ({ major, minor, contract })),
  };
}

/** Renders `metadata.yaml`. */
export function renderMetadataYaml(metadata: ClusterctlMetadata): string {
  return renderYamlDocuments([metadata]);
}

/**
 * The release series a version belongs to, found by `major.minor` as clusterctl's `GetReleaseSeriesForVersion` does;
 * `undefined` when none matches (clusterctl then refuses the version).
 */
export function releaseSeriesFor(metadata: ClusterctlMetadata, version: string): ReleaseSeries | undefined {
  const { major, minor } = parseReleaseVersion(version);
  return metadata.releaseSeries.find((series) => series.major === major && series.minor === minor);
}
