import {
  CapiLabel,
  type ClusterScope,
  capiTypes,
  type InformerSource,
  type InfraClusterBackend,
  StandardIndex,
} from '@capi-ts/sdk';
import { LoadBalancerAvailableReason, type LXCCluster } from '../../api/index.js';
import {
  IncusConnectionReason,
  type IncusConnections,
  type IncusServerConnection,
  isIncusConnectionFailure,
} from '../../connection/index.js';
import {
  API_SERVER_PORT,
  LoadBalancerSpecError,
  loadBalancerFor,
  loadBalancerType,
  needsIncus,
} from '../../loadbalancer/index.js';
import { reportLoadBalancerAvailable } from './cluster-conditions.js';

/** How long to wait before looking again at a load balancer instance that has no address yet. */
const ADDRESS_RECHECK_MS = 1_000;
/** How long to wait before looking again for Machines of a Cluster being deleted (CAPN: 5 s). */
const MACHINES_RECHECK_MS = 5_000;

/** Shared state of the LXCCluster backend. */
export interface LXCClusterBackendOptions {
  connections: IncusConnections;
  /** The manager's cache (Machines of a Cluster being deleted are looked up in it). */
  cache: InformerSource;
}

/**
 * Reports a failure as the `LoadBalancerAvailable` condition. Spec errors, missing server extensions and a missing
 * `secretRef` stop (a spec change triggers the next reconcile); everything else, including a bad or missing
 * identity Secret, is rethrown and retried with back-off (and at once when the identity Secret changes).
 */
function reportFailure(scope: ClusterScope<LXCCluster>, error: unknown): 'stop' {
  if (error instanceof LoadBalancerSpecError) {
    reportLoadBalancerAvailable(
      scope,
      { status: 'False', reason: LoadBalancerAvailableReason.ProvisioningAborted, message: error.message },
      'Error',
    );
    return 'stop';
  }
  if (isIncusConnectionFailure(error)) {
    const stop = error.terminal && error.reason !== IncusConnectionReason.IdentitySecretInvalid;
    reportLoadBalancerAvailable(
      scope,
      { status: 'False', reason: error.reason, message: error.message },
      stop ? 'Error' : 'Warning',
    );
    if (stop) return 'stop';
    throw error;
  }
  reportLoadBalancerAvailable(
    scope,
    {
      status: 'False',
      reason: LoadBalancerAvailableReason.ProvisioningFailed,
      message: error instanceof Error ? error.message : String(error),
    },
    'Warning',
  );
  throw error;
}

/**
 * The Incus work behind an LXCCluster: the control plane load balancer of `spec.loadBalancer`, created or adopted
 * under a deterministic name, whose first address becomes `spec.controlPlaneEndpoint` (port 6443) unless the user
 * set one; deletion removes it. Its backends are kept by the load balancer controller. The SDK's infrastructure
 * cluster plumbing does the rest of the contract (owner, pause, finalizer, provisioned, `Ready`).
 */
export function lxcClusterBackend(options: LXCClusterBackendOptions): InfraClusterBackend<LXCCluster> {
  return {
    async reconcileNormal(scope) {
      const lxcCluster = scope.object;
      let connection: IncusServerConnection | undefined;
      try {
        if (needsIncus(loadBalancerType(lxcCluster))) {
          connection = await options.connections.forSecret(
            lxcCluster.metadata.namespace ?? '',
            lxcCluster.spec?.secretRef?.name,
          );
        }
        const loadBalancer = loadBalancerFor(lxcCluster, scope.cluster.metadata.name ?? '', connection);
        const addresses = await loadBalancer.ensure(scope.signal);
        const [address] = addresses;
        if (!address) {
          reportLoadBalancerAvailable(scope, {
            status: 'False',
            reason: LoadBalancerAvailableReason.WaitingForAddress,
            message: 'the load balancer instance has no address yet',
          });
          return { requeueAfter: ADDRESS_RECHECK_MS };
        }
        const endpoint = lxcCluster.spec?.controlPlaneEndpoint;
        if (!endpoint?.host || !endpoint.port) {
          scope.setControlPlaneEndpoint({ host: endpoint?.host || address, port: endpoint?.port || API_SERVER_PORT });
        }
      } catch (error) {
        if (reportFailure(scope, error) === 'stop') return;
      }
      reportLoadBalancerAvailable(scope, { status: 'True', reason: LoadBalancerAvailableReason.Available });
      scope.setProvisioned();
    },

    async reconcileDelete(scope) {
      const lxcCluster = scope.object;
      reportLoadBalancerAvailable(scope, { status: 'False', reason: LoadBalancerAvailableReason.Deleting }, 'Info');
      const type = loadBalancerType(lxcCluster);
      if (needsIncus(type)) {
        const connection = await options.connections.forSecret(
          lxcCluster.metadata.namespace ?? '',
          lxcCluster.spec?.secretRef?.name,
        );
        await loadBalancerFor(lxcCluster, scope.cluster.metadata.name ?? '', connection).delete(scope.signal);
      }
      const machines = options.cache.informerFor(capiTypes.machine);
      await machines.waitForSync(scope.signal);
      const key = `${scope.cluster.metadata.namespace}/${scope.cluster.metadata.name}`;
      if (machines.byIndex(StandardIndex.clusterName, key).length > 0) {
        scope.logger.info({ label: CapiLabel.clusterName }, 'Waiting for the Machines of the Cluster to be deleted');
        return { requeueAfter: MACHINES_RECHECK_MS };
      }
    },
  };
}
