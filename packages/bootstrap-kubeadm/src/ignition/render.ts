import type { IgnitionVersion } from '../api/v1beta2/index.js';
import { type BootstrapRole, verbosityFlag } from '../cloudinit/index.js';
import { IGNITION_KUBEADM_CONFIG, ignitionModel } from './model.js';
import { renderIgnitionV2 } from './v2.js';
import { renderIgnitionV3 } from './v3.js';

/**
 * Ignition JSON for a node of any role, in spec `version` (2.3.0, upstream's, by default). The init node gets the
 * ClusterConfiguration and InitConfiguration in one file separated by `---`; joining nodes their
 * JoinConfiguration; kubeadm reads it from `/etc/kubeadm.yml`.
 */
export function renderIgnition(input: BootstrapRole, version: IgnitionVersion = '2.3.0'): string {
  const verbosity = verbosityFlag(input.verbosity);
  const [command, config] =
    input.role === 'init-control-plane'
      ? ['init', `${input.clusterConfiguration}\n---\n${input.initConfiguration}`]
      : ['join', input.joinConfiguration];
  const model = ignitionModel(input, `kubeadm ${command} --config ${IGNITION_KUBEADM_CONFIG} ${verbosity}`, config);
  return version === '2.3.0' ? renderIgnitionV2(model) : renderIgnitionV3(model);
}
