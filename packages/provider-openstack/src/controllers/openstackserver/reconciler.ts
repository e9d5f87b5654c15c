import {
  CapiLabel,
  capiTypes,
  createPatchHelper,
  type EventRecorder,
  type InformerSource,
  type IPAddress,
  informerReader,
  isPaused,
  isTerminalError,
  type KubeClient,
  type Logger,
  type ObjectEventRecorder,
  type ObjectReader,
  type Reconciler,
  type Result,
} from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import {
  adaptiveRequeueMs,
  computeApiOf,
  deleteLeftoverVolumes,
  deletePorts,
  deleteServerIfPresent,
  ensurePorts,
  ensureVolumes,
  findServer,
  plannedVolumes,
  portsToDelete,
  resolveServerReferences,
  serverCreateRequest,
} from '../../compute/index.js';
import { FilterMatchError, isOverLimit, isRetryable, nova, type OpenStackSession } from '../../openstack/index.js';
import { ConditionReason } from '../shared/conditions.js';
import { recordCall } from '../shared/events.js';
import { Finalizers } from '../shared/finalizers.js';
import { machineAddresses } from '../shared/machine-addresses.js';
import {
  alreadyReplaced,
  countReplacement,
  DEFAULT_MAX_ERROR_REPLACEMENTS,
  errorMessage,
  replacementsMade,
} from './error-policy.js';
import { associateFloatingAddress, FloatingAddressError } from './floating-address.js';
import { floatingAddressClaim, releaseFloatingAddressClaim } from './floating-address-claim.js';
import type { ServerSessionProvider } from './session-provider.js';
import {
  floatingAddressCondition,
  floatingAddressNotReady,
  floatingAddressReady,
  instanceNotReady,
  instanceReady,
  SERVER_CONDITION_LAYOUT,
  SERVER_OWNED_CONDITIONS,
  setReadySummary,
  waitingForMs,
} from './status.js';
import { userDataOf } from './user-data.js';

/** What the OpenStackServer reconciler works with. */
export interface OpenStackServerReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
  sessionFor: ServerSessionProvider;
  /** Records CAPO's events about the servers (`CreateServer`, `CreatePort`, `CreateVolume`, ...). */
  events: EventRecorder;
  /** Replacements of a server in ERROR before giving up (default {@link DEFAULT_MAX_ERROR_REPLACEMENTS}). */
  maxErrorReplacements?: number;
  /** Delay before creating again after a quota error (default 60 s). */
  quotaRetryMs?: number;
  now?: () => number;
}

interface Scope {
  readonly client: KubeClient;
  readonly server: OpenStackServer;
  readonly session: OpenStackSession;
  readonly compute: nova.ComputeApi;
  readonly reader: ObjectReader;
  readonly logger: Logger;
  /** Events about the server. */
  readonly events: ObjectEventRecorder;
  readonly options: OpenStackServerReconcilerOptions;
  readonly now: number;
}

/** Stay quiet until a watch event (no requeue). */
const IDLE: Result = {};
/** Other non-ACTIVE states (SHUTOFF, MIGRATING, ...): as CAPO, once a minute. */
const OTHER_STATE_REQUEUE_MS = 60_000;

/**
 * Reconciles one OpenStackServer as CAPO v0.14's controller does, with this provider's changes: references are
 * resolved into `status.resolved` before anything is created; ports, then volumes, then the server are found by
 * name before being created (a crash between a create and the status update never duplicates anything); waits
 * poll adaptively; a server in ERROR shows Nova's fault and is replaced per the documented policy
 * (`error-policy.ts`); a quota error is a clear condition retried later, not a terminal state. With
 * `floatingIPPoolRef`, nothing is created before the pool's IPAM provider allocated the server's IPAddressClaim,
 * and the floating IP is associated once the server exists (`FloatingAddressFromPoolReady`). Deletion: server,
 * then leftover volumes, then ports (trunks first), then the IPAddressClaim (the pool releases the floating IP).
 */
export function openStackServerReconciler(options: OpenStackServerReconcilerOptions): Reconciler {
  const { client, cache } = options;
  const reader = informerReader(cache);
  const clock = options.now ?? Date.now;
  return async (request, { logger }) => {
    const stored = await reader.get(OpenStackServer, request);
    if (!stored) return;
    const clusterName = stored.metadata.labels?.[CapiLabel.clusterName];
    if (clusterName !== undefined) {
      const cluster = await reader.get(capiTypes.cluster, {
        namespace: request.namespace as string,
        name: clusterName,
      });
      if (isPaused(cluster, stored)) {
        logger.debug('paused');
        return;
      }
    }
    const helper = createPatchHelper(client, OpenStackServer, stored, { conditionLayout: SERVER_CONDITION_LAYOUT });
    const server = helper.object;
    let result: Result | undefined;
    try {
      const session = await options.sessionFor(server);
      const compute = await computeApiOf(session);
      const events = options.events.forObject(server);
      const scope: Scope = { client, server, session, compute, reader, logger, events, options, now: clock() };
      result = server.metadata.deletionTimestamp ? await reconcileDelete(scope) : await reconcileNormal(scope);
    } catch (err) {
      recordFailure(server, err);
      throw err;
    } finally {
      setReadySummary(server);
      await helper.patch(server, { ownedConditions: SERVER_OWNED_CONDITIONS });
    }
    return result;
  };
}

function recordFailure(server: OpenStackServer, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof FloatingAddressError) {
    floatingAddressNotReady(server, err.reason, `Failed while associating ip from pool: ${message}`, 'Error');
    // A server that is not ready yet waits for its floating IP: say so where the machine looks.
    if (!server.status?.ready) instanceNotReady(server, err.reason, message, 'Error');
    return;
  }
  if (isTerminalError(err)) {
    const reason = (err as { reason?: string }).reason ?? ConditionReason.openStackError;
    instanceNotReady(server, reason, message, 'Error');
    return;
  }
  const reason = server.metadata.deletionTimestamp
    ? ConditionReason.instanceDeleteFailed
    : ConditionReason.openStackError;
  instanceNotReady(server, reason, message, isRetryable(err) ? 'Warning' : 'Error');
}

async function reconcileNormal(scope: Scope): Promise<Result> {
  const { server, session, compute } = scope;
  const name = server.metadata.name as string;

  // Resolve and persist (with the finalizer) before creating anything: no resolved spec ⇒ nothing was created.
  const resolved = await resolveServerReferences(session, compute, server);
  const firstResolve = JSON.stringify(resolved) !== JSON.stringify(server.status?.resolved ?? null);
  const missingFinalizer = !server.metadata.finalizers?.includes(Finalizers.openStackServer);
  if (firstResolve || missingFinalizer) {
    server.status = { ...server.status, ready: server.status?.ready ?? false, resolved };
    server.metadata.finalizers = [...new Set([...(server.metadata.finalizers ?? []), Finalizers.openStackServer])];
    instanceNotReady(server, ConditionReason.instanceNotReady, 'creating the ports, volumes and server');
    return { requeue: true };
  }

  let floatingAddress: Readonly<IPAddress> | undefined;
  if (server.spec.floatingIPPoolRef) {
    floatingAddress = await floatingAddressFromPool(scope);
    if (floatingAddress === undefined) return IDLE;
  }

  const portIds = await ensurePorts(
    session,
    scope.events,
    resolved.ports ?? [],
    server.status?.resources?.ports ?? [],
    (_i, id) => {
      server.status = {
        ...server.status,
        ready: server.status?.ready ?? false,
        resources: { ports: [...(server.status?.resources?.ports ?? []), { id }] },
      };
    },
  );

  if (server.status?.instanceState === 'ERROR') {
    const replaced = await replaceErroredServer(scope);
    if (replaced !== undefined) return replaced;
  }

  let instance = await findServer(compute, server.status?.instanceID, name).catch((err: unknown) => {
    if (err instanceof FilterMatchError && err.reason === 'multiple-matches') {
      scope.events.warning('DuplicateServerNames', `Found ${err.count} servers with name '${name}'`);
    }
    throw err;
  });
  if (instance === undefined && server.status?.instanceID) {
    server.status = { ...server.status, ready: false, instanceState: 'DELETED' };
    instanceNotReady(server, ConditionReason.instanceNotFound, 'The server was unexpectedly deleted', 'Error');
    return IDLE;
  }
  if (instance === undefined) {
    const created = await createServer(scope, portIds);
    if ('result' in created) return created.result;
    instance = created.server;
  }
  return observe(scope, instance, floatingAddress);
}

/**
 * Step 5 of CAPO's reconcile: the server's IPAddressClaim on its floating IP pool, got or created; answers the
 * IPAddress once the pool's IPAM provider allocated it, else undefined with `FloatingAddressFromPoolReady=False`
 * (`WaitingForIPAMProvider`) and one `WaitingForIPAddressClaim` event per claim (the claim and address
 * watches wake the server; nothing is polled).
 */
async function floatingAddressFromPool(scope: Scope): Promise<Readonly<IPAddress> | undefined> {
  const { client, server, reader, logger, events } = scope;
  const claimed = await floatingAddressClaim(client, reader, server);
  const claimName = `${claimed.claim.metadata.namespace}/${claimed.claim.metadata.name}`;
  if (claimed.state === 'waiting' && claimed.created) {
    logger.info({ claim: claimName }, 'created the IPAddressClaim of the floating IP');
    events.normal('CreatingIPAddressClaim', `Creating IPAddressClaim ${claimName}`);
  }
  if (claimed.state === 'allocated') {
    if (floatingAddressCondition(server)?.reason === ConditionReason.waitingForIPAMProvider) {
      floatingAddressReady(server);
    }
    return claimed.address;
  }
  const waiting = `Waiting for IPAddressClaim ${claimName} to be allocated`;
  if (floatingAddressCondition(server)?.reason !== ConditionReason.waitingForIPAMProvider) {
    // Announced when the wait starts; a reconcile that read an older server repeats it, which the recorder counts
    // on the same Event (identical events within 10 minutes).
    events.normal('WaitingForIPAddressClaim', waiting);
  }
  floatingAddressNotReady(server, ConditionReason.waitingForIPAMProvider, waiting, 'Info');
  if (!server.status?.ready) {
    instanceNotReady(server, ConditionReason.instanceNotReady, `waiting for a floating IP: ${waiting}`);
  }
  return undefined;
}

async function createServer(
  scope: Scope,
  portIds: readonly string[],
): Promise<{ readonly server: nova.Server } | { readonly result: Result }> {
  const { server, session, compute, reader, now } = scope;
  const name = server.metadata.name as string;
  const resolved = server.status?.resolved ?? {};
  const userData = await userDataOf(reader, server);
  if (userData.state === 'missing') {
    instanceNotReady(server, ConditionReason.instanceNotReady, userData.message);
    return { result: IDLE };
  }
  const volumes = await ensureVolumes(session, scope.events, plannedVolumes(name, server.spec, resolved.imageID ?? ''));
  if (!volumes.ready) {
    instanceNotReady(server, ConditionReason.instanceNotReady, `waiting: ${volumes.waitingFor}`);
    return { result: { requeueAfter: adaptiveRequeueMs(waitingForMs(server, now)) } };
  }
  const request = serverCreateRequest({
    name,
    spec: server.spec,
    resolved,
    portIds,
    volumeIds: volumes.ids,
    userDataBase64: userData.state === 'present' ? userData.base64 : undefined,
  });
  let id: string;
  try {
    id = await recordCall(
      scope.events,
      {
        action: 'CreateServer',
        attempt: `create server ${name}`,
        done: (created) => `Created server ${name} with id ${created}`,
      },
      () => nova.createServer(compute, request),
    );
  } catch (err) {
    if (isOverLimit(err)) {
      const message = err instanceof Error ? err.message : String(err);
      instanceNotReady(server, ConditionReason.instanceCreateFailed, `quota exceeded, retrying: ${message}`, 'Warning');
      return { result: { requeueAfter: scope.options.quotaRetryMs ?? 60_000 } };
    }
    if (!isRetryable(err)) {
      const message = err instanceof Error ? err.message : String(err);
      instanceNotReady(server, ConditionReason.instanceCreateFailed, message, 'Error');
    }
    throw err;
  }
  scope.logger.info({ instanceID: id }, 'created server');
  server.status = { ...server.status, ready: false, instanceID: id, instanceState: 'BUILD' };
  return { server: await nova.getServer(compute, id) };
}

/**
 * A server in ERROR: delete it and let the caller create a new one while replacements remain; answers the
 * result to return while waiting (or when giving up), and undefined once the old server is gone.
 */
async function replaceErroredServer(scope: Scope): Promise<Result | undefined> {
  const { server, compute, now, options } = scope;
  const max = options.maxErrorReplacements ?? DEFAULT_MAX_ERROR_REPLACEMENTS;
  const instanceID = server.status?.instanceID;
  // Replacing is decided on the cached object. A cache that has not seen this controller's last write (the
  // replacement already made) would replace and count again, and its status patch would mix the old state with
  // the new condition: act only on the version the API server holds now, else wait for the cache's event.
  const live = await scope.client.getOptional(OpenStackServer, {
    namespace: server.metadata.namespace as string,
    name: server.metadata.name as string,
  });
  if (live?.metadata.resourceVersion !== server.metadata.resourceVersion) return IDLE;
  if (!alreadyReplaced(server, instanceID)) {
    if (replacementsMade(server) >= max) return IDLE;
    const deletion = await deleteServerIfPresent(compute, scope.events, instanceID, server.metadata.name as string);
    if (!deletion.done) return { requeueAfter: adaptiveRequeueMs(waitingForMs(server, now)) };
    countReplacement(server, instanceID);
    scope.logger.info({ replacements: replacementsMade(server) }, 'replaced a server in ERROR');
  }
  const { instanceID: _id, instanceState: _state, addresses: _addresses, ...rest } = server.status ?? { ready: false };
  server.status = { ...rest, ready: false };
  return undefined;
}

/**
 * Records what Nova says about the server, associates the floating IP from the pool (step 8 of CAPO's reconcile;
 * not for a server in ERROR or deleted, whose ports may be unbound) and decides when to look again.
 */
async function observe(scope: Scope, instance: nova.Server, floatingAddress?: Readonly<IPAddress>): Promise<Result> {
  const { server, now, options } = scope;
  const addresses = machineAddresses(
    Object.fromEntries(
      Object.entries(instance.addresses).map(([network, list]) => [
        network,
        list.map((a) => ({ addr: a.addr, version: a.version, type: a['OS-EXT-IPS:type'] })),
      ]),
    ),
    instance.name,
  );
  server.status = {
    ...server.status,
    ready: server.status?.ready ?? false,
    instanceID: instance.id,
    instanceState: instance.status,
    ...(addresses.length > 0 ? { addresses } : {}),
  };
  if (floatingAddress !== undefined && !['ERROR', 'DELETED', 'SOFT_DELETED'].includes(instance.status)) {
    if (await associateFloatingAddress(scope.session, instance, floatingAddress.spec.address, scope.logger)) {
      floatingAddressReady(server);
    }
  }
  switch (instance.status) {
    case 'ACTIVE':
      instanceReady(server);
      server.status.ready = true;
      return IDLE;
    case 'ERROR': {
      server.status.ready = false;
      const max = options.maxErrorReplacements ?? DEFAULT_MAX_ERROR_REPLACEMENTS;
      const made = replacementsMade(server);
      const next =
        made < max
          ? `; replacing the server (replacement ${made + 1} of ${max})`
          : `; gave up after ${max} replacements`;
      instanceNotReady(server, ConditionReason.instanceStateError, `${errorMessage(instance)}${next}`, 'Error');
      return made < max ? { requeue: true } : IDLE;
    }
    case 'DELETED':
    case 'SOFT_DELETED':
      server.status.ready = false;
      instanceNotReady(server, ConditionReason.instanceDeleted, `server ${instance.id} was deleted`, 'Error');
      return IDLE;
    case 'BUILD':
    case '':
      instanceNotReady(server, ConditionReason.instanceNotReady, `server ${instance.id} is building`);
      return { requeueAfter: adaptiveRequeueMs(waitingForMs(server, now)) };
    default:
      instanceNotReady(
        server,
        ConditionReason.instanceNotReady,
        `server ${instance.id} is ${instance.status}`,
        'Info',
        'Unknown',
      );
      return { requeueAfter: OTHER_STATE_REQUEUE_MS };
  }
}

async function reconcileDelete(scope: Scope): Promise<Result> {
  const { server, session, compute, now } = scope;
  if (!server.metadata.finalizers?.includes(Finalizers.openStackServer)) return IDLE;
  const name = server.metadata.name as string;
  const waitMs = adaptiveRequeueMs(now - Date.parse(server.metadata.deletionTimestamp as string));

  const instance = await deleteServerIfPresent(compute, scope.events, server.status?.instanceID, name);
  if (!instance.done) {
    instanceNotReady(server, ConditionReason.instanceDeleted, `deleting: ${instance.waitingFor}`);
    return { requeueAfter: waitMs };
  }
  const volumeNames = plannedVolumes(name, server.spec, '').map((plan) => plan.name);
  if (await deleteLeftoverVolumes(session, volumeNames)) {
    instanceNotReady(server, ConditionReason.instanceDeleted, 'deleting: volumes are going away');
    return { requeueAfter: waitMs };
  }
  const resolvedPorts = server.status?.resolved?.ports ?? [];
  const ports = await deletePorts(
    session,
    scope.events,
    await portsToDelete(session, server.status?.resources?.ports ?? [], resolvedPorts),
  );
  if (!ports.done) {
    instanceNotReady(server, ConditionReason.instanceDeleted, `deleting: ${ports.waitingFor}`);
    return { requeueAfter: waitMs };
  }
  if (await releaseFloatingAddressClaim(scope.client, scope.reader, server)) {
    scope.logger.info('released the IPAddressClaim of the floating IP');
  }
  scope.logger.info('deleted the server, its volumes and its ports');
  server.metadata.finalizers = server.metadata.finalizers.filter((f) => f !== Finalizers.openStackServer);
  return IDLE;
}
