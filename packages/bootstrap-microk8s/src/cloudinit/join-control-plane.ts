import type { CloudConfig } from './cloud-config.js';
import {
  addNodeCommand,
  certForLbCommand,
  checkJoinToken,
  enableAddonsCommands,
  installCommands,
  joinCommand,
  sentinelCommand,
  snapstoreCommands,
} from './commands.js';
import { AUTH_TOKEN_PATH, scriptFiles, secretFile, userFiles } from './files.js';
import type { JoinControlPlaneInput } from './input.js';
import { microK8sPorts } from './ports.js';
import { scriptPath } from './scripts/index.js';

/**
 * The cloud-config of a further control-plane node, with CABPM's command sequence: as the first node up to the
 * node configuration, then Calico encapsulation and ports, the endpoint in the certificate, `join`, the API
 * server on 6443, `add-node` with the cluster's token, and the listed addons (none added).
 */
export function joinControlPlaneCloudConfig(input: JoinControlPlaneInput): CloudConfig {
  checkJoinToken(input.joinToken);
  const init = input.spec?.initConfiguration;
  const ports = microK8sPorts(input.spec?.clusterConfiguration);
  return {
    writeFiles: [...scriptFiles(), secretFile(AUTH_TOKEN_PATH, input.authToken), ...userFiles(input)],
    runCommands: [
      'set -x',
      ...(init?.preRunCommands ?? []),
      ...snapstoreCommands(init),
      ...installCommands(input, init?.disableDefaultCNI === true),
      `${scriptPath('10-configure-calico-ipip.sh')} ${init?.IPinIP === true}`,
      `${scriptPath('10-configure-cluster-agent-port.sh')} "${ports.clusterAgent}"`,
      `${scriptPath('10-configure-dqlite-port.sh')} "${ports.dqlite}"`,
      scriptPath('50-wait-apiserver.sh'),
      certForLbCommand(input.controlPlaneEndpoint),
      joinCommand(false, input.joinNodeIps, ports.clusterAgent, input.joinToken),
      scriptPath('10-configure-apiserver.sh'),
      addNodeCommand(init, input.joinToken),
      ...enableAddonsCommands(init?.addons ?? []),
      sentinelCommand(),
      ...(init?.postRunCommands ?? []),
    ],
    bootCommands: [...(init?.bootCommands ?? [])],
  };
}
