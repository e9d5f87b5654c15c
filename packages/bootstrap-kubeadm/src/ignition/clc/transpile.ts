import type { IgnitionVersion } from '../../api/v1beta2/index.js';
import { checkContainerLinuxConfig } from './checks.js';
import { type ClcObject, type ClcReport, parseContainerLinuxConfig } from './parse.js';
import { containerLinuxConfigToIgnitionV2 } from './to-v2.js';
import { containerLinuxConfigToIgnitionV3 } from './to-v3.js';

/** Where the Container Linux Config to merge comes from, for messages. */
const ADDITIONAL_CONFIG_FIELD = 'spec.ignition.containerLinuxConfig.additionalConfig';

/**
 * A Container Linux Config that cannot be used. The message names the spec field and, for every problem, the YAML
 * path inside the config; it never quotes values (they may be password hashes or keys).
 */
export class ContainerLinuxConfigError extends Error {
  override readonly name = 'ContainerLinuxConfigError';
}

/** The Container Linux Config options of a KubeadmConfig (`spec.ignition.containerLinuxConfig`). */
export interface ContainerLinuxConfigOptions {
  additionalConfig?: string;
  strict?: boolean;
}

const CONVERTERS: Record<IgnitionVersion, (config: ClcObject, report: ClcReport) => Record<string, unknown>> = {
  '2.3.0': containerLinuxConfigToIgnitionV2,
  '3.4.0': containerLinuxConfigToIgnitionV3,
};

/**
 * `text` transpiled to an Ignition config object of spec `version` as CABPK's transpiler call does for 2.3.0
 * (3.4.0 is this provider's addition): errors always fail, warnings (unknown keys, unset modes, an empty config,
 * ...) only when `strict`. Throws {@link ContainerLinuxConfigError} listing every problem.
 */
export function transpileContainerLinuxConfig(
  text: string,
  strict: boolean,
  version: IgnitionVersion,
): Record<string, unknown> {
  const { config, report } = parseContainerLinuxConfig(text);
  if (report.errors.length === 0) checkContainerLinuxConfig(config, report);
  const ignition = report.errors.length === 0 ? CONVERTERS[version](config, report) : {};
  const problems = strict ? [...report.errors, ...report.warnings] : report.errors;
  if (problems.length > 0) {
    const mode = strict && report.errors.length === 0 ? ' (strict: warnings are errors)' : '';
    throw new ContainerLinuxConfigError(
      `${ADDITIONAL_CONFIG_FIELD} is not a valid Container Linux Config${mode}: ${problems.join('; ')}`,
    );
  }
  return ignition;
}
