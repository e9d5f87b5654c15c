import {
  CapiLabel,
  type Cluster,
  ConditionLayouts,
  capiTypes,
  createPatchHelper,
  ensureFinalizer,
  type InformerSource,
  type IPAddress,
  type IPAddressClaim,
  informerReader,
  ipamTypes,
  isAlreadyExists,
  isPaused,
  type KubeClient,
  type Logger,
  type ObjectReader,
  type Reconciler,
  type Result,
  setV1Beta1Condition,
} from '@capi-ts/sdk';
import { OpenStackFloatingIPPool } from '../../api/v1alpha1/openstack-floating-ip-pool.js';
import type { OpenStackSession } from '../../openstack/index.js';
import { ConditionReason, ConditionType } from '../shared/conditions.js';
import { Finalizers } from '../shared/finalizers.js';
import {
  addressesOf,
  claimsOf,
  ipAddressFor,
  liveAddressesOf,
  liveClaimedAddresses,
  removeAddressFinalizer,
} from './addresses.js';
import {
  allocateAddress,
  deleteFloatingIpsByAddress,
  MaxIPsReachedError,
  type PoolStatus,
  poolStatusOf,
  without,
} from './allocation.js';
import { PoolNetworkError, resolveFloatingIPNetwork } from './network.js';

/** The OpenStack session of a pool's `identityRef`. */
export type PoolSessionProvider = (pool: Readonly<OpenStackFloatingIPPool>) => Promise<OpenStackSession>;

/** What the OpenStackFloatingIPPool reconciler works with. */
export interface FloatingIPPoolReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
  sessionFor: PoolSessionProvider;
}

interface Scope {
  readonly pool: OpenStackFloatingIPPool;
  readonly status: PoolStatus;
  readonly session: OpenStackSession;
  readonly client: KubeClient;
  readonly cache: InformerSource;
  readonly logger: Logger;
}

const LAYOUT = ConditionLayouts.v1beta1;

/**
 * Reconciles one OpenStackFloatingIPPool as CAPO v0.14's controller does: the pool finalizer (written on its own
 * first, before anything is allocated); IPAddresses being
 * deleted release their floating IP (deleted with `reclaimPolicy: Delete` unless pre-allocated, else made available
 * again) before their finalizer goes; the floating IP network is resolved once into the status; every claim without
 * an address gets an IPAddress named after it and its `status.addressRef`. Beyond CAPO, the IPAddress of a claim
 * that is gone is deleted here as well as by the garbage collector. A pool being deleted waits for
 * its IPAddresses (confirmed live before the finalizer goes), then deletes its available floating IPs under
 * `Delete`. Pools outside the watch filter are skipped; so are paused pools (the `cluster.x-k8s.io/paused`
 * annotation, or `spec.paused` of the Cluster named by the pool's `cluster.x-k8s.io/cluster-name` label), deletion
 * included.
 */
export function floatingIPPoolReconciler(options: FloatingIPPoolReconcilerOptions): Reconciler {
  const { client, cache } = options;
  const reader = informerReader(cache);
  return async (request, { logger }) => {
    const stored = await reader.get(OpenStackFloatingIPPool, request);
    if (!stored) return;
    if (isPaused(await clusterOf(reader, stored), stored)) {
      logger.debug('paused');
      return;
    }
    // The finalizer is persisted before anything is allocated: the patch helper writes finalizers after status,
    // so one reconcile doing both let a pool deleted in between go without releasing its floating IPs.
    if (await ensureFinalizer(client, OpenStackFloatingIPPool, stored, Finalizers.openStackFloatingIPPool)) return;
    const helper = createPatchHelper(client, OpenStackFloatingIPPool, stored, { conditionLayout: LAYOUT });
    const pool = helper.object;
    const status = poolStatusOf(pool);
    pool.status = status;
    try {
      const session = await options.sessionFor(pool);
      const scope: Scope = { pool, status, session, client, cache, logger };
      return pool.metadata.deletionTimestamp ? await reconcileDelete(scope) : await reconcileNormal(scope);
    } catch (err) {
      notReady(pool, failureReason(err), err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      await helper.patch(pool, { ownedConditions: [ConditionType.floatingIPPoolReady] });
    }
  };
}

/** The Cluster a pool is labelled with (`cluster.x-k8s.io/cluster-name`), if any: pools may serve several. */
async function clusterOf(reader: ObjectReader, pool: Readonly<OpenStackFloatingIPPool>): Promise<Cluster | undefined> {
  const name = pool.metadata.labels?.[CapiLabel.clusterName];
  if (name === undefined) return undefined;
  return reader.get(capiTypes.cluster, { namespace: pool.metadata.namespace as string, name });
}

function failureReason(err: unknown): string {
  if (err instanceof PoolNetworkError) return ConditionReason.unableToFindNetwork;
  if (err instanceof MaxIPsReachedError) return ConditionReason.maxIPsReached;
  return ConditionReason.openStackError;
}

function notReady(pool: OpenStackFloatingIPPool, reason: string, message: string): void {
  setV1Beta1Condition(
    pool,
    { type: ConditionType.floatingIPPoolReady, status: 'False', reason, message, severity: 'Error' },
    LAYOUT,
  );
}

async function reconcileNormal(scope: Scope): Promise<Result> {
  const { pool, status, session } = scope;
  await reconcileAddresses(scope);
  if (!status.floatingIPNetwork) {
    const network = await resolveFloatingIPNetwork(session, pool);
    status.floatingIPNetwork = { id: network.id, name: network.name, tags: network.tags };
  }
  const pending = claimsOf(scope.cache, pool).filter(
    (claim) => !claim.metadata.deletionTimestamp && !claim.status?.addressRef?.name,
  );
  if (pending.length > 0) {
    status.claimedIPs = [...new Set([...status.claimedIPs, ...(await liveClaimedAddresses(scope.client, pool))])];
    status.availableIPs = without(status.availableIPs, status.claimedIPs);
  }
  for (const claim of pending) await serveClaim(scope, claim);
  setV1Beta1Condition(pool, { type: ConditionType.floatingIPPoolReady, status: 'True' }, LAYOUT);
  return {};
}

/**
 * CAPO's `reconcileIPAddresses`: releases the addresses of IPAddresses being deleted, deletes those whose claim is
 * gone, and recomputes the claimed and available lists (pre-allocated addresses are available unless claimed or
 * failed).
 */
async function reconcileAddresses(scope: Scope): Promise<IPAddress[]> {
  const { pool, status, client } = scope;
  const addresses = addressesOf(scope.cache, pool);
  const claims = new Map(claimsOf(scope.cache, pool).map((c) => [c.metadata.name as string, c]));
  const live: IPAddress[] = [];
  for (const address of addresses) {
    if (address.metadata.deletionTimestamp) {
      await releaseAddress(scope, address);
      continue;
    }
    const claim = claims.get(address.spec.claimRef.name);
    if (claim === undefined) {
      await client.delete(ipamTypes.ipAddress, {
        namespace: address.metadata.namespace as string,
        name: address.metadata.name as string,
      });
    }
    live.push(address);
  }
  status.claimedIPs = live.map((a) => a.spec.address);
  const all = [...status.availableIPs, ...(pool.spec.preAllocatedFloatingIPs ?? [])];
  status.availableIPs = without(without(all, status.claimedIPs), status.failedIPs ?? []);
  return live;
}

async function releaseAddress(scope: Scope, address: IPAddress): Promise<void> {
  const { pool, status } = scope;
  if (!address.metadata.finalizers?.includes(Finalizers.deleteFloatingIP)) return;
  const ip = address.spec.address;
  const preAllocated = pool.spec.preAllocatedFloatingIPs ?? [];
  if (pool.spec.reclaimPolicy === 'Delete' && !preAllocated.includes(ip)) {
    await deleteFloatingIpsByAddress(scope.session, ip);
    scope.logger.info({ ip }, 'deleted the floating IP of a released address');
  } else {
    status.availableIPs.push(ip);
  }
  await removeAddressFinalizer(scope.client, address);
}

/** Gives a claim its IPAddress (creating it with a new address unless it exists) and its `status.addressRef`. */
async function serveClaim(scope: Scope, claim: IPAddressClaim): Promise<void> {
  const { pool, status, client } = scope;
  const key = { namespace: claim.metadata.namespace as string, name: claim.metadata.name as string };
  let address = await client.getOptional(ipamTypes.ipAddress, key);
  if (!address) {
    const ip = await allocateAddress(scope.session, pool, status, scope.logger);
    try {
      address = await client.create(ipamTypes.ipAddress, ipAddressFor(pool, claim, ip));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      address = await client.get(ipamTypes.ipAddress, key);
      status.claimedIPs = status.claimedIPs.filter((x) => x !== ip);
      status.availableIPs.push(ip);
    }
    scope.logger.info({ claim: key.name, ip: address.spec.address }, 'allocated an address');
  }
  await client.mergePatch(
    ipamTypes.ipAddressClaim,
    key,
    { status: { addressRef: { name: address.metadata.name } } },
    { subresource: 'status' },
  );
}

async function reconcileDelete(scope: Scope): Promise<Result> {
  const { pool, status } = scope;
  if (!pool.metadata.finalizers?.includes(Finalizers.openStackFloatingIPPool)) return {};
  const cached = await reconcileAddresses(scope);
  // The finalizer is the last guard of the floating IPs: an IPAddress the cache has not seen yet must hold it too.
  const remaining = cached.length > 0 ? cached.length : (await liveAddressesOf(scope.client, pool)).length;
  if (remaining > 0) {
    notReady(pool, 'Deleting', `waiting for ${remaining} IPAddresses to be deleted`);
    return {};
  }
  if (pool.spec.reclaimPolicy === 'Delete') {
    const preAllocated = pool.spec.preAllocatedFloatingIPs ?? [];
    for (const ip of without(status.availableIPs, preAllocated)) {
      await deleteFloatingIpsByAddress(scope.session, ip);
    }
    status.availableIPs = status.availableIPs.filter((ip) => preAllocated.includes(ip));
  }
  pool.metadata.finalizers = pool.metadata.finalizers.filter((f) => f !== Finalizers.openStackFloatingIPPool);
  return {};
}
