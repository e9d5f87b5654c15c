import { checkContainerLinuxConfig } from './checks.js';
import { parseContainerLinuxConfig } from './parse.js';
import { containerLinuxConfigToIgnitionV2 } from './to-v2.js';

/** Where the Container Linux Config to merge comes from, for messages. */
export const ADDITIONAL_CONFIG_FIELD = 'spec.ignition.containerLinuxConfig.additionalConfig';

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

/**
 * `text` transpiled to an Ignition 2.3.0 config object as CABPK's transpiler call does: errors always fail,
 * warnings (unknown keys, unset modes, an empty config, ...) only when `strict`. Throws
 * {@link ContainerLinuxConfigError} listing every problem.
 */
export function transpileContainerLinuxConfig(text: string, strict: boolean): Record<string, unknown> {
  const { config, report } = parseContainerLinuxConfig(text);
  if (report.errors.length === 0) checkContainerLinuxConfig(config, report);
  const problems = strict ? [...report.errors, ...report.warnings] : report.errors;
  if (problems.length > 0) {
    const mode = strict && report.errors.length === 0 ? ' (strict: warnings are errors)' : '';
    throw new ContainerLinuxConfigError(
      `${ADDITIONAL_CONFIG_FIELD} is not a valid Container Linux Config${mode}: ${problems.join('; ')}`,
    );
  }
  return containerLinuxConfigToIgnitionV2(config);
}
