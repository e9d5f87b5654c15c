import {
  type BootstrapRole,
  type InitControlPlaneInput,
  type JoinInput,
  SENTINEL_FILE,
  verbosityFlag,
} from './input.js';
import { bootCommandsSection, commandLines, indent, trailingSections, writeFilesSection } from './sections.js';

/** First lines of every cloud-config CABPK writes; the Jinja header lets `{{ ds.meta_data.* }}` work in fields. */
export const CLOUD_CONFIG_HEADER = '## template: jinja\n#cloud-config\n';

const SENTINEL_COMMAND = `echo success > ${SENTINEL_FILE}`;

const PLACEHOLDER =
  '-   path: /run/cluster-api/placeholder\n' +
  '    owner: root:root\n' +
  "    permissions: '0640'\n" +
  '    content: "This placeholder file is used to create the /run/cluster-api sub directory in a way that is ' +
  'compatible with both Linux and Windows (mkdir -p /run/cluster-api does not work with Windows)"';

/** Where `kubeadm init` reads its configuration. */
export const INIT_CONFIG_PATH = '/run/kubeadm/kubeadm.yaml';
/** Where `kubeadm join` reads its configuration. */
export const JOIN_CONFIG_PATH = '/run/kubeadm/kubeadm-join-config.yaml';

/** cloud-config for the control-plane node that runs `kubeadm init`. */
export function initControlPlaneCloudConfig(input: InitControlPlaneInput): string {
  return (
    `${CLOUD_CONFIG_HEADER}\n${writeFilesSection(input.writeFiles)}\n` +
    `-   path: ${INIT_CONFIG_PATH}\n    owner: root:root\n    permissions: '0640'\n    content: |\n      ---\n` +
    `${indent(input.clusterConfiguration, 6)}\n      ---\n${indent(input.initConfiguration, 6)}\n` +
    `${PLACEHOLDER}${bootCommandsSection(input.bootCommands)}\nruncmd:${commandLines(input.preKubeadmCommands)}\n` +
    `  - 'kubeadm init --config ${INIT_CONFIG_PATH} ${verbosityFlag(input.verbosity)} && ${SENTINEL_COMMAND}'` +
    `${commandLines(input.postKubeadmCommands)}${trailingSections(input)}\n`
  );
}

function joinCloudConfig(input: JoinInput, documentStart: string): string {
  return (
    `${CLOUD_CONFIG_HEADER}\n${writeFilesSection(input.writeFiles)}\n` +
    `-   path: ${JOIN_CONFIG_PATH}\n    owner: root:root\n    permissions: '0640'\n    content: |\n${documentStart}` +
    `${indent(input.joinConfiguration, 6)}\n${PLACEHOLDER}${bootCommandsSection(input.bootCommands)}\n` +
    `runcmd:${commandLines(input.preKubeadmCommands)}\n` +
    `  - kubeadm join --config ${JOIN_CONFIG_PATH} ${verbosityFlag(input.verbosity)} && ${SENTINEL_COMMAND}` +
    `${commandLines(input.postKubeadmCommands)}${trailingSections(input)}\n`
  );
}

/** cloud-config for a control-plane node that joins (its JoinConfiguration has no leading `---`, as upstream). */
export function joinControlPlaneCloudConfig(input: JoinInput): string {
  return joinCloudConfig(input, '');
}

/** cloud-config for a worker node. */
export function workerCloudConfig(input: JoinInput): string {
  return joinCloudConfig(input, '      ---\n');
}

/** cloud-config for a node of any role. */
export function renderCloudConfig(input: BootstrapRole): string {
  switch (input.role) {
    case 'init-control-plane':
      return initControlPlaneCloudConfig(input);
    case 'join-control-plane':
      return joinControlPlaneCloudConfig(input);
    case 'worker':
      return workerCloudConfig(input);
  }
}
