import {
  acquireControlPlaneInitLock,
  type BootstrapConfigOwner,
  type Cluster,
  createPatchHelper,
  ensureBootstrapDataSecret,
  ensurePausedCondition,
  getBootstrapConfigOwner,
  getClusterByName,
  type InformerSource,
  informerReader,
  isClusterControlPlaneInitialized,
  isClusterInfrastructureProvisioned,
  type KubeClient,
  type Logger,
  type Machine,
  type ObjectReader,
  type Reconciler,
  releaseControlPlaneInitLock,
} from '@capi-ts/sdk';
import { DataSecretAvailableReason, MicroK8sConfig } from '../../api/v1beta1/index.js';
import { CloudInitInputError } from '../../cloudinit/index.js';
import { initControlPlaneData, joinData } from './bootstrap-data.js';
import {
  ensureAuthToken,
  ensureCertificateAuthority,
  ensureJoinToken,
  InvalidCertificateAuthorityError,
} from './cluster-secrets.js';
import { joinAddresses } from './join-addresses.js';
import {
  CONDITION_LAYOUT,
  dataSecretCreated,
  dataSecretNotAvailable,
  dataSecretReason,
  isDataSecretCreated,
  OWNED_CONDITIONS,
  setReadySummary,
} from './status.js';

/** What the reconciler works with: the manager's client and cache. */
export interface MicroK8sConfigReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
}

interface Scope {
  client: KubeClient;
  cache: InformerSource;
  reader: ObjectReader;
  logger: Logger;
  config: MicroK8sConfig;
  owner: BootstrapConfigOwner;
  cluster: Readonly<Cluster>;
}

/**
 * Reconciles one MicroK8sConfig as CABPM does: find the owner Machine/MachinePool and its Cluster, honour pause,
 * wait for the infrastructure, let exactly one control-plane machine initialise the cluster (init lock), and once
 * the control plane is initialised render the join data for the others; the data goes into a Secret named like
 * the config. Waits are driven by watch events (Cluster, Machines, lock, Secrets), never by timed requeues.
 */
export function microK8sConfigReconciler(options: MicroK8sConfigReconcilerOptions): Reconciler {
  const { client, cache } = options;
  const reader = informerReader(cache);
  return async (request, { logger }) => {
    const stored = await reader.get(MicroK8sConfig, request);
    if (!stored) return;
    const owner = await getBootstrapConfigOwner(reader, stored);
    if (!owner) {
      logger.debug('waiting for Cluster API to set the owner Machine or MachinePool');
      return;
    }
    const cluster = await getClusterByName(reader, request.namespace as string, owner.clusterName);
    if (!cluster) {
      logger.info({ cluster: owner.clusterName }, 'the Cluster of the owner does not exist; waiting for it');
      return;
    }
    const pause = await ensurePausedCondition(client, MicroK8sConfig, cluster, stored, { layout: CONDITION_LAYOUT });
    if (pause.paused || pause.requeue) return;

    const helper = createPatchHelper(client, MicroK8sConfig, pause.object, { conditionLayout: CONDITION_LAYOUT });
    const config = helper.object;
    let failed = true;
    try {
      await reconcileBootstrapData({ client, cache, reader, logger, config, owner, cluster });
      failed = false;
    } finally {
      setReadySummary(config);
      if (!failed && config.metadata.generation !== undefined) {
        config.status = { ...config.status, observedGeneration: config.metadata.generation };
      }
      await helper.patch(config, { ownedConditions: OWNED_CONDITIONS });
    }
  };
}

async function reconcileBootstrapData(scope: Scope): Promise<void> {
  const { config, owner, cluster } = scope;
  if (!isClusterInfrastructureProvisioned(cluster)) {
    dataSecretNotAvailable(
      config,
      DataSecretAvailableReason.WaitingForClusterInfrastructure,
      'Waiting for the Cluster infrastructure to be provisioned',
    );
    return;
  }
  // Restored or moved: the owner already points at the data Secret.
  if (owner.dataSecretName && !isDataSecretCreated(config)) {
    dataSecretCreated(config, owner.dataSecretName);
    return;
  }
  if (isDataSecretCreated(config)) {
    if (isClusterControlPlaneInitialized(cluster))
      await releaseControlPlaneInitLock(scope.client, scope.reader, cluster);
    return;
  }
  try {
    if (!isClusterControlPlaneInitialized(cluster)) await reconcileInit(scope);
    else await reconcileJoin(scope);
  } catch (err) {
    if (err instanceof CloudInitInputError) {
      dataSecretNotAvailable(config, DataSecretAvailableReason.DataSecretGenerationFailed, err.message, 'Error');
      return;
    }
    if (err instanceof InvalidCertificateAuthorityError) {
      dataSecretNotAvailable(config, DataSecretAvailableReason.InvalidCertificateAuthority, err.message, 'Error');
      return;
    }
    throw err;
  }
}

/** Before the control plane is initialised: one control-plane machine takes the lock and initialises. */
async function reconcileInit(scope: Scope): Promise<void> {
  const { client, reader, config, owner, cluster, logger } = scope;
  if (dataSecretReason(config) !== DataSecretAvailableReason.DataSecretGenerationFailed) {
    dataSecretNotAvailable(
      config,
      DataSecretAvailableReason.WaitingForControlPlaneAvailable,
      'Waiting for the control plane to be initialized',
    );
  }
  if (!owner.isControlPlane || owner.kind !== 'Machine') return;
  const machine = owner.object as Readonly<Machine>;
  if (!(await acquireControlPlaneInitLock(client, reader, cluster, machine))) {
    logger.debug('another control-plane machine initialises the cluster');
    return;
  }
  logger.info({ machine: machine.metadata.name }, 'this machine initialises the control plane');
  const authToken = await ensureAuthToken(client, reader, cluster);
  const joinToken = await ensureJoinToken(client, reader, cluster);
  const ca = await ensureCertificateAuthority(client, reader, cluster);
  await storeBootstrapData(scope, initControlPlaneData(config, owner, cluster, { joinToken, authToken }, ca));
}

/** Once the control plane is initialised: control-plane machines and workers join through it. */
async function reconcileJoin(scope: Scope): Promise<void> {
  const { client, cache, reader, config, owner, cluster } = scope;
  await releaseControlPlaneInitLock(client, reader, cluster);
  const addresses = joinAddresses(cache, cluster);
  if (addresses.length === 0) {
    dataSecretNotAvailable(
      config,
      DataSecretAvailableReason.WaitingForJoinAddresses,
      'Waiting for a running control-plane Machine with an address to join through',
    );
    return;
  }
  const authToken = await ensureAuthToken(client, reader, cluster);
  const joinToken = await ensureJoinToken(client, reader, cluster);
  await storeBootstrapData(scope, joinData(config, owner, cluster, { joinToken, authToken }, addresses));
}

async function storeBootstrapData(scope: Scope, value: string): Promise<void> {
  const { client, reader, config, cluster } = scope;
  const { secret } = await ensureBootstrapDataSecret(
    client,
    { config, configType: MicroK8sConfig, clusterName: cluster.metadata.name as string, value },
    reader,
  );
  dataSecretCreated(config, secret.metadata.name as string);
}
