import type { JoinConfiguration } from '../../api/v1beta2/index.js';

/** The taint CABPK puts on workers until Cluster API has applied the machine's labels. */
export const UNINITIALIZED_TAINT = { key: 'node.cluster.x-k8s.io/uninitialized', effect: 'NoSchedule' } as const;

/** What the controller fills into token discovery when the config leaves it empty. */
export interface DiscoveryDefaults {
  /** The bootstrap token for this machine (`<id>.<secret>`). */
  token: string;
  /** `Cluster.spec.controlPlaneEndpoint` as `host:port`. */
  apiServerEndpoint: string;
  /** Pins of the cluster CA (`sha256:<hex>`); none means the node joins without pinning. */
  caCertHashes: string[];
}

/** A join role's JoinConfiguration could not be built (the message says why). */
export class JoinConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JoinConfigurationError';
  }
}

/**
 * The JoinConfiguration CABPK writes for a joining machine: discovery defaults unless file discovery is used
 * (token, endpoint and CA pins, or `unsafeSkipCAVerification` without pins), `controlPlane: {}` for control-plane
 * machines, and the uninitialized taint added for workers. `spec` is not modified.
 */
export function joinConfigurationFor(
  spec: JoinConfiguration | undefined,
  controlPlane: boolean,
  discovery: DiscoveryDefaults,
): JoinConfiguration {
  const join: JoinConfiguration = structuredClone(spec ?? {});
  if (!join.discovery?.file) {
    const token = { ...join.discovery?.bootstrapToken };
    token.token ??= discovery.token;
    token.apiServerEndpoint ??= discovery.apiServerEndpoint;
    if (!token.caCertHashes || token.caCertHashes.length === 0) {
      if (discovery.caCertHashes.length > 0) token.caCertHashes = [...discovery.caCertHashes];
    }
    if (!token.caCertHashes && token.unsafeSkipCAVerification === undefined) token.unsafeSkipCAVerification = true;
    join.discovery = { ...join.discovery, bootstrapToken: token };
  }
  if (controlPlane) {
    join.controlPlane ??= {};
  } else {
    if (join.controlPlane) {
      throw new JoinConfigurationError(
        'joinConfiguration.controlPlane is set on a KubeadmConfig of a worker machine; only control-plane machines can join as control plane',
      );
    }
    const taints = join.nodeRegistration?.taints ?? [];
    if (!taints.some((t) => t.key === UNINITIALIZED_TAINT.key && t.effect === UNINITIALIZED_TAINT.effect)) {
      join.nodeRegistration = { ...join.nodeRegistration, taints: [...taints, { ...UNINITIALIZED_TAINT }] };
    }
  }
  return join;
}
