import {
  type Cluster,
  type ConditionStatus,
  createPatchHelper,
  ensureFinalizer,
  ensurePausedCondition,
  getOwnerCluster,
  type InformerSource,
  informerReader,
  type KubeClient,
  type ReconcileContext,
  type Request,
  type Result,
  setCondition,
} from '@capi-ts/sdk';
import { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';
import { TenantControlPlane } from '../../kamaji/tenant-control-plane.js';
import { KcpCondition, KcpReason } from './conditions.js';
import { controlPlaneEndpoint } from './control-plane-endpoint.js';
import { deleteExternalTenantControlPlane } from './external-deletion.js';
import type { FeatureGates } from './features.js';
import { type InfrastructureTypes, patchInfrastructureCluster } from './infrastructure-cluster.js';
import { ensureClusterSecrets } from './secrets-sync.js';
import { isServing, statusFromTenantControlPlane } from './status.js';
import { ensureTenantControlPlane } from './tenant-control-plane.js';
import { UnsupportedSpecError } from './tenant-control-plane-spec.js';
import { EXTERNAL_CLUSTER_FINALIZER, type ExternalClusterSources, tenantPlacement } from './tenant-placement.js';

/** What a KamajiControlPlane reconcile needs. */
export interface ReconcileDependencies {
  client: KubeClient;
  cache: InformerSource;
  features: FeatureGates;
  /** Kinds patched like upstream's `--dynamic-infrastructure-clusters` (needs DynamicInfrastructureClusterPatch). */
  dynamicInfrastructureClusters: ReadonlySet<string>;
  infrastructureTypes: InfrastructureTypes;
  /** Connections to external clusters (`spec.deployment.externalClusterReference`); needs the feature gate. */
  external?: ExternalClusterSources;
}

const OWNED_CONDITIONS = [...Object.values(KcpCondition), 'Paused'];

/**
 * One reconcile of a KamajiControlPlane, as upstream's, but driven by events instead of 1 s polls: every wait ends
 * here and is resumed by a watch event (TenantControlPlane status, Kamaji's Secrets, the Cluster). Conditions
 * and status are written once, at the end, and only when they changed.
 */
export async function reconcileKamajiControlPlane(
  deps: ReconcileDependencies,
  request: Request,
  { logger, signal }: ReconcileContext,
): Promise<Result | undefined> {
  const { client, cache } = deps;
  const cached = cache.informerFor(KamajiControlPlane).get(request);
  if (!cached) return;
  if (cached.metadata.deletionTimestamp) {
    await deleteExternalTenantControlPlane(client, deps.external, cached, logger);
    return;
  }
  if (!cached.status) {
    // The schema requires `ready` and `version` in any status (upstream's Go always writes them): write them
    // first, so that the condition writes below (the Paused one included) are valid. The write requeues.
    const initial = { ready: false, version: '', externalManagedControlPlane: true };
    await client.mergePatch(KamajiControlPlane, request, { status: initial }, { subresource: 'status' });
    return;
  }
  const helper = createPatchHelper(client, KamajiControlPlane, cached);
  const kcp = helper.object;
  const condition = (type: string, status: ConditionStatus, reason: string, message?: string) =>
    setCondition(kcp, { type, status, reason, ...(message ? { message } : {}) });
  const finish = async (result?: Result) => {
    await helper.patch(kcp, { ownedConditions: OWNED_CONDITIONS });
    return result;
  };

  const cluster = await getOwnerCluster(informerReader(cache), cached);
  if (!cluster) {
    logger.info('Waiting for a Cluster to own this KamajiControlPlane');
    condition(
      KcpCondition.TenantControlPlaneCreated,
      'False',
      'WaitingForCluster',
      'waiting for a Cluster that references this KamajiControlPlane in spec.controlPlaneRef (no owner reference yet)',
    );
    return await finish();
  }
  const pause = await ensurePausedCondition(client, KamajiControlPlane, cluster, cached);
  if (pause.paused || pause.requeue) return;

  const where = await tenantPlacement(kcp, { client, cache }, deps.features, deps.external, signal);
  const external = kcp.spec.deployment?.externalClusterReference !== undefined;
  if (where.kind === 'unavailable') {
    condition(KcpCondition.FoundExternalReferenceClient, 'False', where.reason, where.message);
    return await finish(where.retryAfterMs ? { requeueAfter: where.retryAfterMs } : undefined);
  }
  const { placement } = where;
  if (external) {
    condition(KcpCondition.FoundExternalReferenceClient, 'True', KcpReason.Succeeded);
    // Upstream's finalizer: the TenantControlPlane in the external cluster is deleted before the KCP goes.
    if (await ensureFinalizer(client, KamajiControlPlane, cached, EXTERNAL_CLUSTER_FINALIZER)) return;
  }

  const current = placement.cache.informerFor(TenantControlPlane).get(placement);
  let tcp = current;
  try {
    const outcome = await ensureTenantControlPlane(placement, kcp, cluster, current);
    tcp = outcome.tcp;
    if (outcome.kind === 'refused') {
      condition(KcpCondition.TenantControlPlaneCreated, 'False', outcome.reason, outcome.message);
    } else {
      condition(KcpCondition.TenantControlPlaneCreated, 'True', KcpReason.Succeeded);
    }
  } catch (err) {
    if (!(err instanceof UnsupportedSpecError)) throw err;
    condition(KcpCondition.TenantControlPlaneCreated, 'False', KcpReason.InvalidSpec, err.message);
  }
  if (!tcp) return await finish();

  const endpoint = controlPlaneEndpoint(kcp, tcp.status?.controlPlaneEndpoint);
  if (!endpoint) {
    condition(
      KcpCondition.TenantControlPlaneAddressReady,
      'False',
      KcpReason.Pending,
      'Control Plane Endpoint is not yet available',
    );
    return await finish();
  }
  condition(KcpCondition.TenantControlPlaneAddressReady, 'True', KcpReason.Succeeded);
  kcp.spec.controlPlaneEndpoint = endpoint;
  condition(KcpCondition.ControlPlaneEndpointPatched, 'True', KcpReason.Succeeded);

  await reconcileInfrastructure(deps, cluster, endpoint, condition);
  const infrastructureReady =
    Boolean(cluster.spec.controlPlaneEndpoint?.host) &&
    cluster.status?.initialization?.infrastructureProvisioned === true;
  const versionStatus = tcp.status?.kubernetesResources?.version?.status;
  if (!infrastructureReady || !versionStatus) return await finish();

  kcp.status = statusFromTenantControlPlane(kcp.status, tcp);
  if (kcp.status.initialization?.controlPlaneInitialized) {
    condition(KcpCondition.KamajiControlPlaneIsInitialized, 'True', KcpReason.Succeeded);
  } else {
    condition(
      KcpCondition.KamajiControlPlaneIsInitialized,
      'False',
      KcpReason.Pending,
      `TenantControlPlane is ${versionStatus}`,
    );
    return await finish();
  }

  const secrets = await ensureClusterSecrets(client, cache, placement, kcp, cluster.metadata.name ?? '', tcp);
  if (secrets.kind === 'waiting') {
    condition(KcpCondition.KubeadmResourcesCreated, 'False', KcpReason.Pending, secrets.message);
  } else {
    condition(KcpCondition.KubeadmResourcesCreated, 'True', KcpReason.Succeeded);
  }

  if (isServing(tcp)) {
    condition(KcpCondition.KamajiControlPlaneIsReady, 'True', KcpReason.Succeeded);
    condition(KcpCondition.Available, 'True', KcpReason.Available);
  } else {
    const message = `TenantControlPlane is ${versionStatus}`;
    condition(KcpCondition.KamajiControlPlaneIsReady, 'False', KcpReason.Pending, message);
    condition(KcpCondition.Available, 'False', KcpReason.NotAvailable, message);
  }
  return await finish();
}

type SetCondition = (type: string, status: ConditionStatus, reason: string, message?: string) => void;

async function reconcileInfrastructure(
  deps: ReconcileDependencies,
  cluster: Readonly<Cluster>,
  endpoint: { host: string; port: number },
  condition: SetCondition,
): Promise<void> {
  if (deps.features.SkipInfraClusterPatch) {
    condition(KcpCondition.InfrastructureClusterPatched, 'True', KcpReason.Skipped, 'SkipInfraClusterPatch is enabled');
    return;
  }
  const dynamicKinds = deps.features.DynamicInfrastructureClusterPatch
    ? deps.dynamicInfrastructureClusters
    : new Set<string>();
  const outcome = await patchInfrastructureCluster(
    deps.client,
    deps.cache,
    deps.infrastructureTypes,
    cluster,
    endpoint,
    dynamicKinds,
  );
  if (outcome.kind === 'waiting') {
    condition(KcpCondition.InfrastructureClusterPatched, 'False', KcpReason.Pending, outcome.message);
  } else if (outcome.kind === 'failed') {
    condition(KcpCondition.InfrastructureClusterPatched, 'False', outcome.reason, outcome.message);
  } else {
    condition(KcpCondition.InfrastructureClusterPatched, 'True', KcpReason.Succeeded);
  }
}
