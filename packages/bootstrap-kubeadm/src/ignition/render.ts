import type { IgnitionVersion } from '../api/v1beta2/index.js';
import { type BootstrapRole, verbosityFlag } from '../cloudinit/index.js';
import { appendIgnitionV2 } from './clc/append-v2.js';
import { inGoFieldOrder } from './clc/go-order.js';
import {
  ADDITIONAL_CONFIG_FIELD,
  ContainerLinuxConfigError,
  type ContainerLinuxConfigOptions,
  transpileContainerLinuxConfig,
} from './clc/transpile.js';
import { goJson } from './encoding.js';
import { IGNITION_KUBEADM_CONFIG, ignitionModel } from './model.js';
import { ignitionV2Config } from './v2.js';
import { renderIgnitionV3 } from './v3.js';

/**
 * Ignition JSON for a node of any role, in spec `version` (2.3.0, upstream's, by default). The init node gets the
 * ClusterConfiguration and InitConfiguration in one file separated by `---`; joining nodes their
 * JoinConfiguration; kubeadm reads it from `/etc/kubeadm.yml`.
 *
 * A Container Linux Config in `containerLinuxConfig.additionalConfig` is transpiled and appended to the 2.3.0
 * config as CABPK does (its files, units and users after the generated ones); it throws
 * {@link ContainerLinuxConfigError} when the config is invalid (or, with `strict`, has warnings) and with spec 3.
 */
export function renderIgnition(
  input: BootstrapRole,
  version: IgnitionVersion = '2.3.0',
  containerLinuxConfig: ContainerLinuxConfigOptions = {},
): string {
  const verbosity = verbosityFlag(input.verbosity);
  const [command, config] =
    input.role === 'init-control-plane'
      ? ['init', `${input.clusterConfiguration}\n---\n${input.initConfiguration}`]
      : ['join', input.joinConfiguration];
  const model = ignitionModel(input, `kubeadm ${command} --config ${IGNITION_KUBEADM_CONFIG} ${verbosity}`, config);
  const additional = containerLinuxConfig.additionalConfig ?? '';
  if (version !== '2.3.0') {
    if (additional !== '') {
      throw new ContainerLinuxConfigError(
        `${ADDITIONAL_CONFIG_FIELD} is a Container Linux Config, which transpiles to Ignition 2.3.0 only (as in ` +
          `Cluster API); it cannot be merged into spec.ignition.version ${version}`,
      );
    }
    return renderIgnitionV3(model);
  }
  const generated = ignitionV2Config(model);
  if (additional === '') return goJson(generated);
  const merged = appendIgnitionV2(
    generated,
    transpileContainerLinuxConfig(additional, containerLinuxConfig.strict === true),
  );
  return goJson(inGoFieldOrder(merged));
}
