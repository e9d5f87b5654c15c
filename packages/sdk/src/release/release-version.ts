/** A provider release version, e.g. `v0.1.0`. */
export interface ReleaseVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * Parses a release version: semantic versioning, usually with a leading `v` (`v0.1.0`, `v1.2.0-rc.1`), as clusterctl expects
 * for release tags and local repository folders. Throws when `version` is not one.
 */
export function parseReleaseVersion(version: string): ReleaseVersion {
  const match = SEMVER.exec(version);
  if (!match) throw new Error(`version ${JSON.stringify(version)} is not a semantic version such as v0.1.0`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}
