import type { InitConfiguration } from '../api/v1beta1/index.js';
import { CloudInitInputError } from './errors.js';

/** The lowest MicroK8s minor version published with strict confinement. */
const FIRST_STRICT_MINOR = 25;

/** Major and minor of a Kubernetes version. */
export interface MinorVersion {
  major: number;
  minor: number;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses a Machine's `spec.version` (`v1.30.2` or `1.30.2`, pre-release and build allowed). */
export function parseKubernetesVersion(version: string | undefined): MinorVersion {
  const match = SEMVER.exec(version ?? '');
  if (!match) {
    throw new CloudInitInputError(
      `the Machine's spec.version "${version ?? ''}" is not a semantic version such as v1.30.2`,
    );
  }
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/**
 * The arguments of `snap install microk8s`: `--channel <major.minor>[/<risk>] --classic`, or with strict
 * confinement `--channel <major.minor>-strict[/<risk>]`.
 */
export function snapInstallArguments(version: MinorVersion, init: Partial<InitConfiguration> | undefined): string {
  const strict = init?.confinement === 'strict';
  if (strict && version.minor < FIRST_STRICT_MINOR) {
    throw new CloudInitInputError(
      `strict confinement needs MicroK8s 1.${FIRST_STRICT_MINOR} or later; the Machine asks for ${version.major}.${version.minor}`,
    );
  }
  const track = `${version.major}.${version.minor}${strict ? '-strict' : ''}`;
  const channel = init?.riskLevel ? `${track}/${init.riskLevel}` : track;
  return strict ? `--channel ${channel}` : `--channel ${channel} --classic`;
}
