import { initAddons } from './addons.js';
import type { CloudConfig } from './cloud-config.js';
import {
  addNodeCommand,
  certForLbCommand,
  checkJoinToken,
  enableAddonsCommands,
  installCommands,
  sentinelCommand,
  snapstoreCommands,
} from './commands.js';
import { AUTH_TOKEN_PATH, scriptFiles, secretFile, userFiles } from './files.js';
import type { InitControlPlaneInput } from './input.js';
import { microK8sPorts } from './ports.js';
import { scriptPath } from './scripts/index.js';

/**
 * The cloud-config of the first control-plane node, with CABPM's command sequence: snap store, install (without
 * the default CNI when asked), node configuration, the cluster CA from `/var/tmp`, Calico encapsulation, ports, the
 * endpoint in the certificate, the API server on 6443, addons (dns added), and `add-node` with the cluster's token.
 */
export function initControlPlaneCloudConfig(input: InitControlPlaneInput): CloudConfig {
  checkJoinToken(input.joinToken);
  const init = input.spec?.initConfiguration;
  const ports = microK8sPorts(input.spec?.clusterConfiguration);
  return {
    writeFiles: [
      ...scriptFiles(),
      secretFile('/var/tmp/ca.key', input.ca.key),
      secretFile('/var/tmp/ca.crt', input.ca.cert),
      secretFile(AUTH_TOKEN_PATH, input.authToken),
      ...userFiles(input),
    ],
    runCommands: [
      'set -x',
      ...(init?.preRunCommands ?? []),
      ...snapstoreCommands(init),
      ...installCommands(input, init?.disableDefaultCNI === true),
      'microk8s refresh-certs /var/tmp',
      `${scriptPath('10-configure-calico-ipip.sh')} ${init?.IPinIP === true}`,
      `${scriptPath('10-configure-cluster-agent-port.sh')} "${ports.clusterAgent}"`,
      `${scriptPath('10-configure-dqlite-port.sh')} "${ports.dqlite}"`,
      certForLbCommand(input.controlPlaneEndpoint),
      scriptPath('10-configure-apiserver.sh'),
      ...enableAddonsCommands(initAddons(init?.addons)),
      addNodeCommand(init, input.joinToken),
      sentinelCommand(),
      ...(init?.postRunCommands ?? []),
    ],
    bootCommands: [...(init?.bootCommands ?? [])],
  };
}
