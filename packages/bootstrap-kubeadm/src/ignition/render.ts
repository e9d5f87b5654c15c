import type { IgnitionVersion } from '../api/v1beta2/index.js';
import { type BootstrapRole, verbosityFlag } from '../cloudinit/index.js';
import { appendIgnitionV2 } from './clc/append-v2.js';
import { inGoFieldOrder } from './clc/go-order.js';
import { mergeIgnitionV3 } from './clc/merge-v3.js';
import { type ContainerLinuxConfigOptions, transpileContainerLinuxConfig } from './clc/transpile.js';
import { goJson } from './encoding.js';
import { IGNITION_KUBEADM_CONFIG, ignitionModel } from './model.js';
import { ignitionV2Config } from './v2.js';
import { ignitionV3Config } from './v3.js';

/**
 * Ignition JSON for a node of any role, in spec `version` (2.3.0, upstream's, by default). The init node gets the
 * ClusterConfiguration and InitConfiguration in one file separated by `---`; joining nodes their
 * JoinConfiguration; kubeadm reads it from `/etc/kubeadm.yml`.
 *
 * A Container Linux Config in `containerLinuxConfig.additionalConfig` is transpiled and, for 2.3.0, appended to the
 * generated config as CABPK does (its files, units and users after the generated ones, nothing replaced); for
 * 3.4.0 it is merged with Ignition 3's rules (entries with the same path or name merged, the additional config's
 * fields winning). Throws `ContainerLinuxConfigError` when the config is invalid (or, with `strict`, has warnings).
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
  const generated = version === '2.3.0' ? ignitionV2Config(model) : ignitionV3Config(model);
  const additional = containerLinuxConfig.additionalConfig ?? '';
  if (additional === '') return goJson(generated);
  const transpiled = transpileContainerLinuxConfig(additional, containerLinuxConfig.strict === true, version);
  return version === '2.3.0'
    ? goJson(inGoFieldOrder(appendIgnitionV2(generated, transpiled)))
    : goJson(mergeIgnitionV3(generated, transpiled));
}
