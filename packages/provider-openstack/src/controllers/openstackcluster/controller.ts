import {
  type Controller,
  type ControllerOptions,
  capiTypes,
  clusterPausedTransitions,
  clusterToInfrastructure,
  controllerBuilder,
  createPatchHelper,
  EventRecorder,
  ensureFinalizer,
  getOwnerCluster,
  type InfraControllerHost,
  informerReader,
  isExternallyManaged,
  isPaused,
  predicates,
  StandardIndex,
} from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import { IdentityError } from '../../cloud/identity.js';
import type { CloudSessions } from '../../cloud/sessions.js';
import { ConditionType } from '../shared/conditions.js';
import { EVENT_COMPONENT } from '../shared/events.js';
import { Finalizers } from '../shared/finalizers.js';
import { CLUSTER_CONDITION_LAYOUT, setClusterCondition } from './conditions.js';
import type { ClusterContext } from './context.js';
import { PendingDelays } from './pending-delays.js';
import { reconcileDelete } from './reconcile-delete.js';
import { type NextStep, reconcileNormal } from './reconcile-normal.js';

/** How long to wait before looking again for Machines of a Cluster being deleted (CAPO: 5 s). */
const MACHINES_RECHECK_MS = 5_000;

/** How long to wait before looking again for the owner Cluster. */
const OWNER_RECHECK_MS = 1_000;

/** The conditions this controller owns when patching. */
const OWNED_CONDITIONS = Object.values(ConditionType);

/** The name of the Cluster an owner reference names (kind `Cluster`, group `cluster.x-k8s.io`), if any. */
function ownerClusterName(object: Readonly<OpenStackCluster>): string | undefined {
  return object.metadata.ownerReferences?.find(
    (owner) => owner.kind === 'Cluster' && owner.apiVersion.startsWith('cluster.x-k8s.io/'),
  )?.name;
}

/** Options of {@link openStackClusterController}. */
export interface OpenStackClusterControllerOptions {
  /** The manager (its client, cache, registry and logger). */
  manager: InfraControllerHost;
  /** OpenStack sessions from `identityRef`s. */
  sessions: CloudSessions;
  /** Only objects labelled `cluster.x-k8s.io/watch-filter=<value>` (`--watch-filter`). */
  watchFilter?: string;
  controllerOptions?: ControllerOptions;
  /** Where CAPO's parity events go; by default a recorder of its own (`openstack-controller`). */
  events?: EventRecorder;
}

/**
 * The OpenStackCluster controller (CAPO's `OpenStackClusterReconciler`): for an object owned by an unpaused Cluster
 * it adds the finalizer, reads the credentials of `identityRef` (missing Secret, identity or cloud ⇒ `Ready=False`
 * with the reason, retried with back-off), then creates or adopts the network, router, security groups, load
 * balancer and endpoint, or deletes them once the Cluster's Machines are gone. One patch per reconcile; a reconcile
 * that changes nothing writes nothing. Watches OpenStackClusters, Clusters (pause transitions) and the bastion's
 * OpenStackServer.
 */
export function openStackClusterController(options: OpenStackClusterControllerOptions): Controller {
  const { manager, sessions } = options;
  const reader = informerReader(manager.cache);
  const delays = new PendingDelays();
  const events =
    options.events ?? new EventRecorder({ client: manager.client, component: EVENT_COMPONENT, logger: manager.logger });
  return (
    controllerBuilder(manager)
      .for(OpenStackCluster)
      // A Cluster that reaches the cache after its OpenStackCluster (which names it as owner) wakes it.
      .watches(capiTypes.cluster, clusterToInfrastructure(OpenStackCluster), {
        predicates: [predicates.or(predicates.created, clusterPausedTransitions)],
      })
      .owns(OpenStackServer)
      .withEventFilter(predicates.resourceHasFilterLabel(options.watchFilter))
      .withOptions({ maxConcurrentReconciles: 1, ...options.controllerOptions })
      .build(async (request, reconcileContext) => {
        const cached = manager.cache.informerFor(OpenStackCluster).get(request);
        if (!cached || isExternallyManaged(cached)) return;
        const cluster = await getOwnerCluster(reader, cached);
        const logger = reconcileContext.logger;
        const deleting = cached.metadata.deletionTimestamp !== undefined;
        // A Cluster deleted without waiting for its infrastructure (no finalizer, a forced delete) leaves the
        // OpenStackCluster to delete on its own: its resources are named after the Cluster of its owner reference.
        const clusterName = cluster?.metadata.name ?? (deleting ? ownerClusterName(cached) : undefined);
        if (clusterName === undefined) {
          // The owner reference may name a Cluster the cache has not seen yet: look again shortly.
          logger.info('Cluster Controller has not yet set OwnerRef');
          return { requeueAfter: OWNER_RECHECK_MS };
        }
        if (cluster && isPaused(cluster, cached)) {
          logger.debug('Reconciliation is paused for this object');
          return;
        }
        const finalizer = Finalizers.openStackCluster;
        if (deleting && !cached.metadata.finalizers?.includes(finalizer)) return;
        if (!deleting && (await ensureFinalizer(manager.client, OpenStackCluster, cached, finalizer))) return;

        const helper = createPatchHelper(manager.client, OpenStackCluster, cached, {
          conditionLayout: CLUSTER_CONDITION_LAYOUT,
        });
        const object = helper.object;
        const outcome = await (async (): Promise<NextStep> => {
          if (deleting) {
            const machines = manager.cache.informerFor(capiTypes.machine);
            await machines.waitForSync(reconcileContext.signal);
            const key = `${cached.metadata.namespace}/${clusterName}`;
            if (machines.byIndex(StandardIndex.clusterName, key).length > 0) {
              logger.info('Waiting for the Machines of the Cluster to be deleted');
              return { requeueAfter: MACHINES_RECHECK_MS };
            }
          }
          let session: ClusterContext['session'];
          try {
            session = (await sessions.forIdentity(object.metadata.namespace ?? '', object.spec.identityRef)).session;
          } catch (error) {
            if (error instanceof IdentityError) {
              setClusterCondition(object, ConditionType.ready, 'False', error.problem, error.message, 'Error');
            }
            throw error;
          }
          const context: ClusterContext = {
            object,
            ref: { namespace: cached.metadata.namespace ?? '', name: clusterName },
            session,
            logger: logger.child({ cluster: clusterName }),
            events: events.forObject(object),
          };
          const kube = { client: manager.client, reader };
          if (!deleting) return reconcileNormal(context, delays, kube);
          const next = await reconcileDelete(context, delays, kube);
          if (!next.requeueAfter) {
            object.metadata.finalizers = object.metadata.finalizers?.filter((f) => f !== finalizer);
          }
          return next;
        })().then(
          (next) => ({ next }),
          (error: unknown) => ({ error }),
        );
        await helper.patch(object, { ownedConditions: OWNED_CONDITIONS });
        if ('error' in outcome) throw outcome.error;
        return outcome.next.requeueAfter ? { requeueAfter: outcome.next.requeueAfter } : undefined;
      })
  );
}
