import type { CloudConfig } from './cloud-config.js';
import {
  checkJoinToken,
  enableAddonsCommands,
  installCommands,
  joinCommand,
  sentinelCommand,
  snapstoreCommands,
} from './commands.js';
import { scriptFiles, userFiles } from './files.js';
import type { WorkerInput } from './input.js';
import { parseKubernetesVersion } from './install-args.js';
import { microK8sPorts } from './ports.js';
import { shellWord } from './quote.js';
import { scriptPath } from './scripts/index.js';

/** Workers reach the API server through MicroK8s' local proxy, pointed at the endpoint on this port. */
const WORKER_API_SERVER_PORT = '6443';
/** From this minor on, the API server proxy must refresh its endpoints at once. */
const TRAEFIK_REFRESH_FROM_MINOR = 25;

/**
 * The cloud-config of a worker node, with CABPM's command sequence (install always with the default CNI; join
 * with `--worker`; the local API server proxy pointed at the control-plane endpoint), plus what CABPM forgets on
 * workers: the snap store proxy settings are applied, and the listed addons are enabled before the join (a worker
 * cannot enable addons once it has joined).
 */
export function workerCloudConfig(input: WorkerInput): CloudConfig {
  checkJoinToken(input.joinToken);
  const init = input.spec?.initConfiguration;
  const ports = microK8sPorts(input.spec?.clusterConfiguration);
  const { minor } = parseKubernetesVersion(input.kubernetesVersion);
  const refresh = minor >= TRAEFIK_REFRESH_FROM_MINOR ? 'yes' : 'no';
  return {
    writeFiles: [...scriptFiles(), ...userFiles(input)],
    runCommands: [
      'set -x',
      ...(init?.preRunCommands ?? []),
      ...snapstoreCommands(init),
      ...installCommands(input, false),
      ...enableAddonsCommands(init?.addons ?? []),
      `${scriptPath('10-configure-cluster-agent-port.sh')} "${ports.clusterAgent}"`,
      joinCommand(true, input.joinNodeIps, ports.clusterAgent, input.joinToken),
      `${scriptPath('30-configure-traefik.sh')} ${shellWord(input.controlPlaneEndpoint)} ${WORKER_API_SERVER_PORT} ${refresh}`,
      sentinelCommand(),
      ...(init?.postRunCommands ?? []),
    ],
    bootCommands: [...(init?.bootCommands ?? [])],
  };
}
