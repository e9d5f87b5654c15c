import type { KubeObject } from '../client/object.js';
import type { Result } from '../controller/reconciler.js';
import type { ClusterScope, MachineScope } from './scope.js';

/** What a backend method resolves with: nothing (done), or a {@link Result} asking to be reconciled again. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => {}` (which returns Promise<void>) be a backend method
export type BackendResult = Result | void;

/**
 * What an infrastructure provider implements for its machine kind; `infraMachineController` does the rest of the
 * Cluster API contract around it (owner Machine and Cluster, pause, finalizer, waiting for the Cluster's
 * infrastructure and the bootstrap data, status, conditions, patching).
 *
 * Both methods must be idempotent and safe to interrupt at any line: name external resources deterministically
 * from the object (its UID, say), so that a crash between "create" and "record in status" never duplicates one.
 * They may throw (the reconcile is retried with backoff; a `TerminalError` is not retried); the changes made to
 * the scope's object are written either way.
 */
export interface InfraMachineBackend<M extends KubeObject> {
  /**
   * Creates or adopts the instance and reports it: `setProviderID`, `setAddresses`, `setFailureDomain`,
   * `setProvisioned()` once it is up, and the provider's conditions (the one named by `provisionedCondition`
   * among them). Return `{ requeueAfter }` to poll an instance that is still starting.
   */
  reconcileNormal(scope: MachineScope<M>): Promise<BackendResult>;
  /**
   * Deletes the instance. Returning without a requeue means it is gone: the finalizer is then removed. Return
   * `{ requeueAfter }` while the deletion is still in progress.
   */
  reconcileDelete(scope: MachineScope<M>): Promise<BackendResult>;
}

/**
 * What an infrastructure provider implements for its cluster kind (networks, load balancer, control plane
 * endpoint); `infraClusterController` does the rest of the contract. The same rules as
 * {@link InfraMachineBackend} apply.
 */
export interface InfraClusterBackend<C extends KubeObject> {
  /**
   * Creates or adopts the cluster infrastructure and reports it: `setControlPlaneEndpoint` (if the provider
   * supplies it), `setFailureDomains`, `setProvisioned()` once ready, and the provider's conditions.
   */
  reconcileNormal(scope: ClusterScope<C>): Promise<BackendResult>;
  /** Deletes the cluster infrastructure; returning without a requeue means it is gone. */
  reconcileDelete(scope: ClusterScope<C>): Promise<BackendResult>;
}
