import { createHash } from 'node:crypto';
import type { Cluster } from '@capi-ts/sdk';
import { ApiError } from '@capi-ts/sdk';
import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import { isSatisfied } from './infrastructure-patch.js';
import { tenantControlPlaneMetadata, tenantControlPlaneSpec } from './tenant-control-plane-spec.js';
import type { TenantPlacement } from './tenant-placement.js';
import { refusedVersionChange } from './version-change.js';

/** The field manager of the provider's server-side applies of TenantControlPlanes. */
export const FIELD_MANAGER = 'capi-kamaji-controlplane';
/** Records the hash of the spec last applied, so removed KCP fields are removed from the TCP too. */
export const SPEC_HASH_ANNOTATION = 'controlplane.cluster.x-k8s.io/kamaji-spec-hash';

/** What {@link ensureTenantControlPlane} did or why it could not. */
export type TenantControlPlaneOutcome =
  | { kind: 'unchanged' | 'written'; tcp: Readonly<TenantControlPlane> }
  | {
      kind: 'refused';
      reason: 'UnsupportedVersionChange' | 'TenantControlPlaneRejected';
      message: string;
      tcp?: Readonly<TenantControlPlane>;
    };

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** The TenantControlPlane the KamajiControlPlane asks for at `placement`, as applied with server-side apply. */
export function desiredTenantControlPlane(
  kcp: KamajiControlPlane,
  cluster: Cluster,
  placement: Pick<TenantPlacement, 'namespace' | 'name' | 'owner' | 'annotations'>,
  current: Readonly<TenantControlPlane> | undefined,
): TenantControlPlane {
  const spec = tenantControlPlaneSpec(kcp, cluster);
  const metadata = tenantControlPlaneMetadata(kcp, current?.metadata);
  return {
    apiVersion: TenantControlPlane.apiVersion,
    kind: 'TenantControlPlane',
    metadata: {
      name: placement.name,
      namespace: placement.namespace,
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      annotations: {
        ...(metadata.annotations ?? {}),
        ...(placement.annotations ?? {}),
        [SPEC_HASH_ANNOTATION]: hashOf(spec),
      },
      ...(placement.owner ? { ownerReferences: [placement.owner] } : {}),
    },
    spec,
  };
}

function isUpToDate(current: Readonly<TenantControlPlane>, desired: TenantControlPlane): boolean {
  const owner = desired.metadata.ownerReferences?.[0];
  const owned = !owner || current.metadata.ownerReferences?.some((ref) => ref.uid === owner.uid);
  return (
    owned === true &&
    isSatisfied(current.metadata.labels ?? {}, desired.metadata.labels ?? {}) &&
    isSatisfied(current.metadata.annotations ?? {}, desired.metadata.annotations ?? {}) &&
    isSatisfied(current.spec, desired.spec)
  );
}

/**
 * Creates or updates the TenantControlPlane of a KamajiControlPlane at `placement` (by default same name and
 * namespace, owned by it) with server-side apply, only when it differs from what the KCP asks for. Version changes
 * Kamaji refuses and rejections by the API server (Kamaji's admission webhook) come back as `refused`, to be shown
 * as a condition.
 */
export async function ensureTenantControlPlane(
  placement: TenantPlacement,
  kcp: KamajiControlPlane,
  cluster: Cluster,
  current: Readonly<TenantControlPlane> | undefined,
): Promise<TenantControlPlaneOutcome> {
  const { client } = placement;
  const desired = desiredTenantControlPlane(kcp, cluster, placement, current);
  if (current && isUpToDate(current, desired)) return { kind: 'unchanged', tcp: current };
  const running = current?.status?.kubernetesResources?.version?.version ?? current?.spec.kubernetes.version;
  const refused = refusedVersionChange(running, desired.spec.kubernetes.version);
  if (refused) return { kind: 'refused', reason: 'UnsupportedVersionChange', message: refused, tcp: current };
  try {
    const tcp = await client.apply(TenantControlPlane, desired, { fieldManager: FIELD_MANAGER, force: true });
    return { kind: 'written', tcp };
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 422].includes(err.code)) {
      return { kind: 'refused', reason: 'TenantControlPlaneRejected', message: err.message, tcp: current };
    }
    throw err;
  }
}
