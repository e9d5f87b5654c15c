import { type InfraMachineBackend, isControlPlaneInitialized, type MachineScope, requestFor } from '@capi-ts/sdk';
import {
  IncusConnectionReason,
  InstanceProvisionedReason,
  type LXCCluster,
  type LXCMachine,
  lxcClusterResource,
} from '../../api/index.js';
import { type IncusConnections, type IncusServerConnection, isIncusConnectionFailure } from '../../connection/index.js';
import { IncusTimeoutError } from '../../incus/errors.js';
import {
  buildInstance,
  hostAddresses,
  type InstancePlan,
  InstanceSpecError,
  machineAddresses,
  machineInstanceType,
  missingCapabilities,
} from '../../instance/index.js';
import { controlPlaneLoadBalancerFiles, followsControlPlaneMachines } from '../../loadbalancer/index.js';
import type { IncusEventHub } from './incus-event-hub.js';
import {
  ensureInstanceDeleted,
  ensureInstanceRunning,
  type InstanceOperations,
  instanceState,
} from './instance-lifecycle.js';
import { reportInstanceProvisioned, reportProvisioned } from './machine-conditions.js';

/** `spec.providerID` prefix: `lxc:///<instance name>`. */
export const PROVIDER_ID_PREFIX = 'lxc:///';

/** How soon a started instance without an address yet is looked at again (Incus sends no event for DHCP). */
export const ADDRESS_RECHECK_MS = 250;

/** Shared state of the LXCMachine backend. */
export interface LXCMachineBackendOptions {
  connections: IncusConnections;
  hub: IncusEventHub;
}

/**
 * The Incus work behind an LXCMachine: one instance named after the LXCMachine (so a retry after a crash finds
 * the instance instead of creating a second one), created, filled and started with every operation awaited
 * through the event stream, then reported with `lxc:///<name>` and its addresses. Control-plane instances get
 * the load balancer's files (kube-vip); following them with the load balancer's backends (and setting
 * `status.loadBalancerConfigured`) is the LXCCluster side's load balancer backends controller, and as in CAPN a
 * control-plane machine gets its providerID only once that flag is set (kube-vip and external load balancers have
 * nothing to reconfigure: the flag is set here). The SDK's infrastructure machine plumbing does the rest of the
 * contract.
 */
export function lxcMachineBackend(options: LXCMachineBackendOptions): InfraMachineBackend<LXCMachine> {
  return {
    async reconcileNormal(scope) {
      const lxcCluster = await lxcClusterOf(scope);
      if (!lxcCluster) return;
      const connection = await connect(scope, lxcCluster, options);
      const ops: InstanceOperations = { client: connection.client, hub: options.hub };
      const name = instanceName(scope);
      await options.hub.watchInstance(connection.client, name, requestFor(scope.object));

      if (scope.object.spec?.providerID) {
        const state = await instanceState(ops, name);
        if (!state) {
          writeReady(scope, false);
          reportInstanceProvisioned(
            scope,
            {
              status: 'False',
              reason: InstanceProvisionedReason.InstanceDeleted,
              message: `Instance ${name} does not exist anymore`,
            },
            'Error',
          );
          return;
        }
        scope.setAddresses(machineAddresses(name, hostAddresses(state)));
        // Also after `clusterctl move` or a restore, which bring the spec but not the status: the instance is there.
        scope.setProvisioned(true);
        reportProvisioned(scope);
        return;
      }

      const plan = await planInstance(scope, lxcCluster, connection);
      if (!plan) return;
      let state: Awaited<ReturnType<typeof ensureInstanceRunning>>;
      try {
        state = await ensureInstanceRunning(ops, plan);
      } catch (error) {
        if (error instanceof IncusTimeoutError) {
          reportInstanceProvisioned(
            scope,
            {
              status: 'False',
              reason: InstanceProvisionedReason.CreatingInstance,
              message: `Instance creation still in progress: ${error.message}`,
            },
            'Warning',
          );
          return { requeueAfter: 10_000 };
        }
        reportInstanceProvisioned(
          scope,
          {
            status: 'False',
            reason: InstanceProvisionedReason.InstanceProvisioningFailed,
            message: (error as Error).message,
          },
          'Warning',
        );
        throw error;
      }
      const addresses = hostAddresses(state);
      if (addresses.length === 0) {
        reportInstanceProvisioned(
          scope,
          {
            status: 'False',
            reason: InstanceProvisionedReason.CreatingInstance,
            message: `Instance ${name} is running and waiting for an address`,
          },
          'Info',
        );
        return { requeueAfter: ADDRESS_RECHECK_MS };
      }
      scope.setAddresses(machineAddresses(name, addresses));
      reportProvisioned(scope);
      if (scope.controlPlane && !scope.object.status?.loadBalancerConfigured) {
        if (followsControlPlaneMachines(lxcCluster)) {
          scope.logger.info('Waiting for the load balancer to forward to this control-plane instance');
          return;
        }
        scope.object.status = { ...scope.object.status, loadBalancerConfigured: true };
      }
      scope.setProviderID(`${PROVIDER_ID_PREFIX}${name}`);
      scope.setProvisioned(true);
    },

    async reconcileDelete(scope) {
      reportInstanceProvisioned(scope, { status: 'False', reason: InstanceProvisionedReason.Deleting }, 'Info');
      const lxcCluster = await lxcClusterOf(scope);
      if (!lxcCluster) throw new Error('the LXCCluster of this machine is gone: the instance cannot be deleted');
      const connection = await connect(scope, lxcCluster, options);
      const name = instanceName(scope);
      await ensureInstanceDeleted({ client: connection.client, hub: options.hub }, name);
      options.hub.forgetInstance(connection.client, name);
    },
  };
}

/** The instance name: the LXCMachine's name, as CAPN names it. */
function instanceName(scope: MachineScope<LXCMachine>): string {
  return scope.object.metadata.name ?? '';
}

/** The LXCCluster of the machine's Cluster; `undefined` (after logging) while there is none. */
async function lxcClusterOf(scope: MachineScope<LXCMachine>): Promise<Readonly<LXCCluster> | undefined> {
  const ref = scope.cluster.spec?.infrastructureRef;
  const namespace = scope.object.metadata.namespace;
  if (!ref?.name || !namespace) {
    scope.logger.info('Waiting for the Cluster to reference its LXCCluster');
    return undefined;
  }
  const lxcCluster = await scope.reader.get(lxcClusterResource, { namespace, name: ref.name });
  if (!lxcCluster) scope.logger.info({ lxcCluster: ref.name }, 'LXCCluster is not available yet');
  return lxcCluster;
}

/** Connects through the identity secret of the LXCCluster; a failure is reported and retried with backoff. */
async function connect(
  scope: MachineScope<LXCMachine>,
  lxcCluster: Readonly<LXCCluster>,
  options: LXCMachineBackendOptions,
): Promise<IncusServerConnection> {
  try {
    return await options.connections.forSecret(lxcCluster.metadata.namespace ?? '', lxcCluster.spec?.secretRef?.name);
  } catch (error) {
    if (isIncusConnectionFailure(error)) {
      reportInstanceProvisioned(scope, { status: 'False', reason: error.reason, message: error.message }, 'Warning');
    }
    throw error;
  }
}

/** Builds the instance plan; a spec that cannot work or a server that cannot run it is reported, not retried. */
async function planInstance(
  scope: MachineScope<LXCMachine>,
  lxcCluster: Readonly<LXCCluster>,
  connection: IncusServerConnection,
): Promise<InstancePlan | undefined> {
  const { machine, cluster } = scope;
  const abort = (message: string): undefined => {
    reportInstanceProvisioned(
      scope,
      { status: 'False', reason: InstanceProvisionedReason.InstanceProvisioningAborted, message },
      'Error',
    );
    return undefined;
  };
  const bootstrap = await scope.bootstrapData();
  let plan: InstancePlan;
  try {
    plan = buildInstance({
      name: instanceName(scope),
      spec: scope.object.spec ?? {},
      clusterName: cluster.metadata.name ?? '',
      clusterNamespace: cluster.metadata.namespace ?? '',
      machineName: machine.metadata.name ?? '',
      controlPlane: scope.controlPlane,
      version: machine.spec.version,
      failureDomain: machine.spec.failureDomain,
      unprivileged: lxcCluster.spec?.unprivileged ?? false,
      skipDefaultKubeadmProfile: lxcCluster.spec?.skipDefaultKubeadmProfile ?? false,
      podCidr: cluster.spec?.clusterNetwork?.pods?.cidrBlocks?.[0],
      serverKind: connection.kind,
      serverClustered: connection.clustered,
      bootstrapData: Buffer.from(bootstrap.value).toString('utf8'),
      controlPlaneFiles: scope.controlPlane
        ? controlPlaneLoadBalancerFiles(lxcCluster, isControlPlaneInitialized(cluster))
        : undefined,
    });
  } catch (error) {
    if (error instanceof InstanceSpecError) return abort(`Failed to create instance spec: ${error.message}`);
    throw error;
  }
  const missing = missingCapabilities(connection.server, {
    instanceType: machineInstanceType(scope.object.spec?.instanceType),
    source: plan.request.source,
  });
  if (missing.length > 0) {
    reportInstanceProvisioned(
      scope,
      {
        status: 'False',
        reason: IncusConnectionReason.MissingServerExtension,
        message: missing.map((m) => m.message).join('; '),
      },
      'Error',
    );
    return undefined;
  }
  return plan;
}

/** The v1beta1 `status.ready` (the v1beta2 `initialization.provisioned` is never reset once true). */
function writeReady(scope: MachineScope<LXCMachine>, ready: boolean): void {
  scope.object.status = { ...scope.object.status, ready };
}
