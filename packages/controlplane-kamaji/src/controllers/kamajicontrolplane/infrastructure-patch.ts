import type { KubeObject } from '@capi-ts/sdk';
import type { Endpoint } from './control-plane-endpoint.js';

/** The annotation by which an infrastructure cluster hands its endpoint and readiness to the control plane. */
export const MANAGED_BY_ANNOTATION = 'cluster.x-k8s.io/managed-by';
/** The value of {@link MANAGED_BY_ANNOTATION} that names this provider. */
export const MANAGED_BY_KAMAJI = 'kamaji';

/** What to write on the infrastructure cluster: merge patches of its spec and of its status subresource. */
export interface InfrastructurePatch {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** Why the infrastructure cluster cannot take the endpoint; reported on `InfrastructureClusterPatched`. */
export class InfrastructurePatchError extends Error {
  override readonly name = 'InfrastructurePatchError';
  constructor(
    readonly reason: 'UnsupportedInfrastructure' | 'MismatchingEndpoint' | 'UnmanagedControlPlaneAddress',
    message: string,
  ) {
    super(message);
  }
}

const ENDPOINT_KINDS = new Set(['AWSCluster', 'AzureCluster', 'HetznerCluster', 'IonosCloudCluster']);
const ENDPOINT_AND_READY_KINDS = new Set(['KubevirtCluster', 'NutanixCluster', 'PacketCluster']);
const CHECK_ONLY_KINDS = new Set(['Metal3Cluster', 'MetalStackCluster']);
const CHECK_OR_PATCH_KINDS = new Set(['ProxmoxCluster', 'TinkerbellCluster', 'VSphereCluster']);

function endpointOf(infra: Readonly<KubeObject>): { host?: string; port?: number } {
  const spec = (infra as { spec?: { controlPlaneEndpoint?: { host?: string; port?: number } } }).spec;
  return spec?.controlPlaneEndpoint ?? {};
}

function checkEndpoint(infra: Readonly<KubeObject>, endpoint: Endpoint): void {
  const current = endpointOf(infra);
  if (!current.host) {
    throw new InfrastructurePatchError(
      'UnmanagedControlPlaneAddress',
      `${infra.kind} ${infra.metadata.name} has no spec.controlPlaneEndpoint.host: set it to ${endpoint.host}`,
    );
  }
  if (current.host !== endpoint.host || current.port !== endpoint.port) {
    throw new InfrastructurePatchError(
      'MismatchingEndpoint',
      `${infra.kind} ${infra.metadata.name} has been provisioned with a mismatching host/port ` +
        `(${current.host}:${current.port ?? ''}, expected ${endpoint.host}:${endpoint.port})`,
    );
  }
}

/**
 * What the upstream provider writes on each kind of infrastructure cluster once the endpoint is known, plus
 * this project's LXCCluster and any kind given with `--dynamic-infrastructure-clusters`:
 *
 * | kind | action |
 * |---|---|
 * | AWS, Azure, Hetzner, IonosCloud | `spec.controlPlaneEndpoint` |
 * | Kubevirt, Nutanix, Packet | `spec.controlPlaneEndpoint` and `status.ready: true` |
 * | LXCCluster | `spec.controlPlaneEndpoint`; when marked `cluster.x-k8s.io/managed-by: kamaji` also `status.ready: true` |
 * | Metal3, MetalStack | check only: the endpoint must already be the same |
 * | Proxmox, Tinkerbell, VSphere | check; an empty endpoint gets `spec.controlPlaneEndpoint` |
 * | OpenStackCluster | `spec.apiServerFixedIP` and `spec.apiServerPort` |
 * | dynamic kinds | `spec.controlPlaneEndpoint` |
 *
 * Throws {@link InfrastructurePatchError} for other kinds and failed checks.
 */
export function infrastructurePatch(
  infra: Readonly<KubeObject>,
  endpoint: Endpoint,
  dynamicKinds: ReadonlySet<string>,
): InfrastructurePatch {
  const kind = infra.kind ?? '';
  const spec = { controlPlaneEndpoint: { host: endpoint.host, port: endpoint.port } };
  if (ENDPOINT_KINDS.has(kind) || dynamicKinds.has(kind)) return { spec };
  if (ENDPOINT_AND_READY_KINDS.has(kind)) return { spec, status: { ready: true } };
  if (kind === 'LXCCluster') {
    const managed = infra.metadata.annotations?.[MANAGED_BY_ANNOTATION] === MANAGED_BY_KAMAJI;
    return managed ? { spec, status: { ready: true } } : { spec };
  }
  if (kind === 'OpenStackCluster') return { spec: { apiServerFixedIP: endpoint.host, apiServerPort: endpoint.port } };
  if (CHECK_ONLY_KINDS.has(kind)) {
    checkEndpoint(infra, endpoint);
    return {};
  }
  if (CHECK_OR_PATCH_KINDS.has(kind)) {
    if (!endpointOf(infra).host) return { spec };
    checkEndpoint(infra, endpoint);
    return {};
  }
  throw new InfrastructurePatchError(
    'UnsupportedInfrastructure',
    `unsupported infrastructure provider ${kind}: list it with --dynamic-infrastructure-clusters ` +
      '(feature gate DynamicInfrastructureClusterPatch) to have its spec.controlPlaneEndpoint patched',
  );
}

/** Whether `current` already holds every value of `patch` (a patch that would change nothing). */
export function isSatisfied(current: unknown, patch: unknown): boolean {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return JSON.stringify(current) === JSON.stringify(patch);
  }
  if (current === null || typeof current !== 'object') return false;
  return Object.entries(patch).every(([key, value]) => isSatisfied((current as Record<string, unknown>)[key], value));
}
