import { isIP } from 'node:net';
import { DEFAULT_JOIN_TOKEN_TTL_SECONDS, type InitConfiguration } from '../api/v1beta1/index.js';
import { CloudInitInputError } from './errors.js';
import type { CloudInitInput } from './input.js';
import { parseKubernetesVersion, snapInstallArguments } from './install-args.js';
import { quoteArgument, quoteArguments } from './quote.js';
import { scriptPath } from './scripts/index.js';

// The runcmd lines shared by the roles, with the arguments CABPM passes.

const JOIN_TOKEN_LENGTH = 32;
/** The contract's sentinel: cloud-init wrote it, so Cluster API knows the bootstrap succeeded. */
export const BOOTSTRAP_SENTINEL_PATH = '/run/cluster-api/bootstrap-success.complete';

type Init = Partial<InitConfiguration> | undefined;

const script = (name: string, ...args: string[]) => [scriptPath(name), ...args].join(' ');

/** Snap store HTTP(S) proxies, then the enterprise snap store proxy (scheme `http` by default). */
export function snapstoreCommands(init: Init): string[] {
  return [
    script(
      '00-configure-snapstore-http-proxy.sh',
      quoteArguments([init?.snapstoreHTTPProxy ?? '', init?.snapstoreHTTPSProxy ?? '']),
    ),
    script(
      '00-configure-snapstore-proxy.sh',
      quoteArguments([
        init?.snapstoreProxyScheme || 'http',
        init?.snapstoreProxyDomain ?? '',
        init?.snapstoreProxyId ?? '',
      ]),
    ),
  ];
}

/**
 * Host preparation, the snap installation and the node configuration every role runs after the snap store
 * set-up: disable host services, install, containerd proxies, kubelet arguments, wait for the API server.
 */
export function installCommands(input: CloudInitInput, disableDefaultCni: boolean): string[] {
  const init = input.spec?.initConfiguration;
  const installArgs = snapInstallArguments(parseKubernetesVersion(input.kubernetesVersion), init);
  return [
    script('00-disable-host-services.sh'),
    script('00-install-microk8s.sh', quoteArgument(installArgs), String(disableDefaultCni)),
    script(
      '10-configure-containerd-proxy.sh',
      quoteArguments([init?.httpProxy ?? '', init?.httpsProxy ?? '', init?.noProxy ?? '']),
    ),
    script('10-configure-kubelet.sh'),
    script('50-wait-apiserver.sh'),
  ];
}

/** Adds the control-plane endpoint to the API server certificate, as an `IP` or a `DNS` name. */
export function certForLbCommand(endpoint: string): string {
  return script('10-configure-cert-for-lb.sh', quoteArguments([isIP(endpoint) ? 'IP' : 'DNS', endpoint]));
}

/** Enables the given addons (nothing when the list is empty). */
export function enableAddonsCommands(addons: readonly string[]): string[] {
  return addons.length > 0 ? [script('20-microk8s-enable.sh', quoteArguments(addons))] : [];
}

/**
 * Lets other nodes join with the cluster's token for the configured lifetime; an unset or zero TTL means the
 * default 10 years, as in CABPM.
 */
export function addNodeCommand(init: Init, joinToken: string): string {
  const ttl = init?.joinTokenTTLInSecs || DEFAULT_JOIN_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 0) {
    throw new CloudInitInputError(`spec.initConfiguration.joinTokenTTLInSecs must be a positive integer, got ${ttl}`);
  }
  return `microk8s add-node --token-ttl ${ttl} --token ${quoteArgument(joinToken)}`;
}

/** Joins through each of the control-plane addresses in turn, as a worker or as a control-plane node. */
export function joinCommand(worker: boolean, joinNodeIps: readonly string[], port: string, joinToken: string): string {
  if (joinNodeIps.length === 0) throw new CloudInitInputError('no control-plane address to join through');
  const urls = joinNodeIps.map((ip) => `${ip}:${port}/${joinToken}`);
  return script('20-microk8s-join.sh', worker ? 'yes' : 'no', quoteArguments(urls));
}

/** Checks the join token's shape; it goes into URLs and command lines. */
export function checkJoinToken(joinToken: string): void {
  if (joinToken.length !== JOIN_TOKEN_LENGTH || !/^[A-Za-z0-9]+$/.test(joinToken)) {
    throw new CloudInitInputError(`the join token must be ${JOIN_TOKEN_LENGTH} letters or digits`);
  }
}

/**
 * Writes the contract's sentinel when the command before it (the role's last bootstrap step) succeeded: runcmd
 * is one shell script, so `$?` is that command's status. CABPM never writes it.
 */
export function sentinelCommand(): string {
  return `if [ $? -eq 0 ]; then mkdir -p /run/cluster-api && echo success > ${BOOTSTRAP_SENTINEL_PATH}; fi`;
}
