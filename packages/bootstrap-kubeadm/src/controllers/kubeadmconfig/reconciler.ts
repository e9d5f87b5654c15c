import {
  acquireControlPlaneInitLock,
  type BootstrapConfigOwner,
  type Cluster,
  capiTypes,
  createPatchHelper,
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
  type Result,
  releaseControlPlaneInitLock,
} from '@capi-ts/sdk';
import { KubeadmConfig } from '../../api/v1beta2/index.js';
import type { BootstrapRole, ResolvedFile } from '../../cloudinit/index.js';
import { ContainerLinuxConfigError } from '../../ignition/index.js';
import { UnsupportedKubernetesVersionError } from '../../kubeadm/index.js';
import { renderBootstrapData } from './bootstrap-data.js';
import { caCertHash } from './ca-cert-hash.js';
import { controlPlaneCertificateFiles } from './certificate-files.js';
import { initialControlPlanePurposes, MissingCertificateError, reconcileCertificates } from './cluster-certificates.js';
import { controlPlaneEndpointOf } from './cluster-data.js';
import { ContentTemplateError } from './content-template.js';
import { contentTemplateData } from './control-plane-version.js';
import { adoptDataSecret, encodeBootstrapValue, ForeignDataSecretError, storeDataSecret } from './data-secret.js';
import { fileDiscoveryKubeconfig } from './discovery-kubeconfig.js';
import { JoinConfigurationError } from './join-defaults.js';
import { initControlPlaneRole, joinRole, type NodeInputs } from './node-documents.js';
import { MissingSecretContentError, resolveFiles, resolveUsers } from './resolve-content.js';
import type { KubeadmConfigSettings } from './settings.js';
import {
  CONDITION_LAYOUT,
  ConditionReasons,
  dataSecretCreated,
  dataSecretNotAvailable,
  isDataSecretCreated,
  OWNED_CONDITIONS,
  setCertificatesAvailable,
  setDataSecretSize,
  setReadySummary,
  V1Beta1Reasons,
} from './status.js';
import { WorkloadClusterUnavailableError, workloadClusterClient } from './workload-cluster.js';
import { createWorkloadToken, refreshWorkloadToken } from './workload-tokens.js';

/** What the reconciler works with: the manager's client and cache, and the provider settings. */
export interface KubeadmConfigReconcilerOptions {
  client: KubeClient;
  cache: InformerSource;
  settings: KubeadmConfigSettings;
}

interface Scope extends KubeadmConfigReconcilerOptions {
  reader: ObjectReader;
  logger: Logger;
  config: KubeadmConfig;
  owner: BootstrapConfigOwner;
  cluster: Readonly<Cluster>;
}

/** Errors that are the user's input (or a wait), reported on `DataSecretAvailable` instead of retried blindly. */
const INPUT_ERRORS = [
  ContentTemplateError,
  MissingSecretContentError,
  UnsupportedKubernetesVersionError,
  JoinConfigurationError,
  ForeignDataSecretError,
  WorkloadClusterUnavailableError,
  ContainerLinuxConfigError,
];

/**
 * Reconciles one KubeadmConfig as CABPK v1.14 does: find the owner Machine/MachinePool and its Cluster, honour
 * pause, wait for the infrastructure, let exactly one control-plane machine initialise the cluster (init lock), and
 * once the control plane is initialised render join data for the others (bootstrap token created in the workload
 * cluster and kept valid until the node joined). The data goes into a Secret named like the config.
 */
export function kubeadmConfigReconciler(options: KubeadmConfigReconcilerOptions): Reconciler {
  const { client, cache } = options;
  const reader = informerReader(cache);
  return async (request, { logger }) => {
    const stored = await reader.get(KubeadmConfig, request);
    if (!stored || stored.metadata.deletionTimestamp) return;
    const owner = await getBootstrapConfigOwner(reader, stored);
    if (owner?.kind === 'MachinePool' && !options.settings.machinePools) return;
    if (!owner) {
      logger.debug('waiting for Cluster API to set the owner Machine or MachinePool');
      return;
    }
    const cluster = await getClusterByName(reader, request.namespace as string, owner.clusterName);
    if (!cluster) {
      logger.info({ cluster: owner.clusterName }, 'the Cluster of the owner does not exist; waiting for it');
      return;
    }
    const pause = await ensurePausedCondition(client, KubeadmConfig, cluster, stored, { layout: CONDITION_LAYOUT });
    if (pause.paused || pause.requeue) return;

    const helper = createPatchHelper(client, KubeadmConfig, pause.object, { conditionLayout: CONDITION_LAYOUT });
    const config = helper.object;
    let failed = true;
    try {
      const result = await reconcileBootstrapData({ ...options, reader, logger, config, owner, cluster });
      failed = false;
      return result;
    } catch (err) {
      const inputError = INPUT_ERRORS.find((type) => err instanceof type);
      if (!inputError) throw err;
      dataSecretNotAvailable(config, {
        reason: ConditionReasons.NotAvailable,
        v1beta1Reason: V1Beta1Reasons.DataSecretGenerationFailed,
        message: (err as Error).message,
        severity: err instanceof WorkloadClusterUnavailableError ? 'Info' : 'Error',
      });
      failed = false;
      return undefined;
    } finally {
      setReadySummary(config);
      if (!failed && config.metadata.generation !== undefined) {
        config.status = { ...config.status, observedGeneration: config.metadata.generation };
      }
      await helper.patch(config, { ownedConditions: OWNED_CONDITIONS });
    }
  };
}

async function reconcileBootstrapData(scope: Scope): Promise<Result | undefined> {
  const { client, reader, config, owner, cluster } = scope;
  await adoptDataSecret(client, reader, config);
  if (!isClusterInfrastructureProvisioned(cluster)) {
    dataSecretNotAvailable(config, {
      reason: ConditionReasons.NotAvailable,
      v1beta1Reason: V1Beta1Reasons.WaitingForClusterInfrastructure,
      message: 'Waiting for Cluster status.infrastructureReady to be true',
    });
    return undefined;
  }
  // Restored or moved: the owner already points at the data Secret.
  if (owner.dataSecretName && !isDataSecretCreated(config)) {
    dataSecretCreated(config, owner.dataSecretName);
    setCertificatesAvailable(config);
    return undefined;
  }
  if (isDataSecretCreated(config)) {
    dataSecretCreated(config, config.status?.dataSecretName ?? (config.metadata.name as string));
    setCertificatesAvailable(config);
    return await keepTokenValid(scope);
  }
  if (!isClusterControlPlaneInitialized(cluster)) return await reconcileInit(scope);
  await releaseControlPlaneInitLock(client, reader, cluster);
  return await reconcileJoin(scope);
}

function waitingForControlPlane(config: KubeadmConfig): void {
  dataSecretNotAvailable(config, {
    reason: ConditionReasons.NotAvailable,
    v1beta1Reason: V1Beta1Reasons.WaitingForControlPlaneAvailable,
    message: 'Waiting for Cluster control plane to be initialized',
  });
}

function waitingForEndpoint(config: KubeadmConfig): void {
  dataSecretNotAvailable(config, {
    reason: ConditionReasons.NotAvailable,
    v1beta1Reason: V1Beta1Reasons.WaitingForControlPlaneAvailable,
    message: 'Waiting for Cluster spec.controlPlaneEndpoint to be set',
  });
}

function certificatesFailed(config: KubeadmConfig, err: unknown): void {
  setCertificatesAvailable(config, {
    status: 'Unknown',
    reason: ConditionReasons.InternalError,
    v1beta1Reason: V1Beta1Reasons.CertificatesGenerationFailed,
    message: (err as Error).message,
    severity: 'Warning',
  });
}

/** Before the control plane is initialised: one control-plane Machine takes the lock and renders init data. */
async function reconcileInit(scope: Scope): Promise<undefined> {
  const { client, reader, config, owner, cluster, logger } = scope;
  waitingForControlPlane(config);
  if (!owner.isControlPlane || owner.kind !== 'Machine') return undefined;
  const machine = owner.object as Readonly<Machine>;
  if (!(await acquireControlPlaneInitLock(client, reader, cluster, machine))) {
    logger.debug('another control-plane machine initialises the cluster');
    return undefined;
  }
  // The cached Cluster may be older than the lock: another config may have seen the control plane initialised and
  // released the lock just now. A second `kubeadm init` would create a second cluster, so ask the API server.
  const current = await client.getOptional(capiTypes.cluster, {
    namespace: cluster.metadata.namespace as string,
    name: cluster.metadata.name as string,
  });
  if (!current || isClusterControlPlaneInitialized(current)) {
    logger.info('the control plane was initialised meanwhile; this machine will join');
    return undefined;
  }
  logger.info({ machine: machine.metadata.name }, 'this machine initialises the control plane');
  try {
    const spec = config.spec ?? {};
    let certificates: Awaited<ReturnType<typeof reconcileCertificates>>;
    try {
      certificates = await reconcileCertificates(client, reader, cluster, {
        purposes: initialControlPlanePurposes(spec.clusterConfiguration),
        clusterConfiguration: spec.clusterConfiguration,
        ...(cluster.spec.controlPlaneRef?.name ? {} : { generateOwnedBy: ownerReferenceToConfig(config) }),
      });
    } catch (err) {
      if (!(err instanceof MissingCertificateError)) throw err;
      certificatesFailed(config, err);
      await releaseControlPlaneInitLock(client, reader, cluster);
      return undefined;
    }
    setCertificatesAvailable(config);
    const inputs = await nodeInputs(scope, controlPlaneCertificateFiles(spec.clusterConfiguration, certificates));
    await store(scope, initControlPlaneRole(inputs, cluster));
    return undefined;
  } catch (err) {
    await releaseControlPlaneInitLock(client, reader, cluster);
    throw err;
  }
}

function ownerReferenceToConfig(config: Readonly<KubeadmConfig>) {
  return {
    apiVersion: KubeadmConfig.apiVersion,
    kind: KubeadmConfig.kind,
    name: config.metadata.name as string,
    uid: config.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Files (certificates first, then the user's) and users resolved, the template data read when needed. */
async function nodeInputs(
  scope: Scope,
  certificateFiles: ResolvedFile[],
  extra: ResolvedFile[] = [],
): Promise<NodeInputs> {
  const { client, reader, config, cluster, owner } = scope;
  const spec = config.spec ?? {};
  const namespace = config.metadata.namespace as string;
  const needsTemplateData = (spec.files ?? []).some((f) => f.contentFormat === 'Template');
  const templateData = needsTemplateData ? await contentTemplateData(client, cluster) : {};
  const files = await resolveFiles(reader, namespace, spec.files, templateData);
  return {
    spec,
    writeFiles: [...certificateFiles, ...files, ...extra],
    users: await resolveUsers(reader, namespace, spec.users),
    kubernetesVersion: owner.version,
  };
}

/** Once the control plane is initialised: control-plane Machines and workers join with discovery defaults. */
async function reconcileJoin(scope: Scope): Promise<Result | undefined> {
  const { client, reader, config, owner, cluster, settings } = scope;
  let spec = config.spec ?? {};
  let certificates: Awaited<ReturnType<typeof reconcileCertificates>>;
  try {
    certificates = await reconcileCertificates(client, reader, cluster, {
      purposes: owner.isControlPlane ? initialControlPlanePurposes(spec.clusterConfiguration) : ['ca'],
      clusterConfiguration: spec.clusterConfiguration,
    });
  } catch (err) {
    if (!(err instanceof MissingCertificateError)) throw err;
    certificatesFailed(config, err);
    return undefined;
  }
  setCertificatesAvailable(config);

  // A control-plane join is marked in the spec itself, as CABPK persists it.
  if (owner.isControlPlane && !spec.joinConfiguration?.controlPlane) {
    spec = { ...spec, joinConfiguration: { ...spec.joinConfiguration, controlPlane: {} } };
    config.spec = spec;
  }
  const endpoint = controlPlaneEndpointOf(cluster);
  const fileDiscovery = spec.joinConfiguration?.discovery?.file;
  let tokenDiscovery = false;
  if (!fileDiscovery) {
    const bootstrapToken = spec.joinConfiguration?.discovery?.bootstrapToken;
    const apiServerEndpoint = bootstrapToken?.apiServerEndpoint ?? endpoint;
    if (!apiServerEndpoint) {
      waitingForEndpoint(config);
      return undefined;
    }
    const token =
      bootstrapToken?.token ??
      (await createWorkloadToken(
        await workloadClusterClient(reader, cluster, settings.fieldManager),
        settings.tokenTtlSeconds,
      ));
    const caCertHashes =
      bootstrapToken?.caCertHashes ?? (certificates.ca ? [caCertHash(certificates.ca.cert)] : undefined);
    // Persisted in the spec, as CABPK does: the token is found there again to refresh it.
    config.spec = {
      ...spec,
      joinConfiguration: {
        ...spec.joinConfiguration,
        discovery: {
          ...spec.joinConfiguration?.discovery,
          bootstrapToken: {
            ...bootstrapToken,
            token,
            apiServerEndpoint,
            ...(caCertHashes ? { caCertHashes } : {}),
            ...(caCertHashes || bootstrapToken?.unsafeSkipCAVerification !== undefined
              ? {}
              : { unsafeSkipCAVerification: true }),
          },
        },
      },
    };
    tokenDiscovery = true;
  }
  if (fileDiscovery?.kubeConfig) {
    const server = fileDiscovery.kubeConfig.cluster?.server ?? (endpoint ? `https://${endpoint}` : undefined);
    if (!server) {
      waitingForEndpoint(config);
      return undefined;
    }
    const certificateAuthorityData =
      fileDiscovery.kubeConfig.cluster?.certificateAuthorityData ??
      (certificates.ca ? Buffer.from(certificates.ca.cert).toString('base64') : undefined);
    // Persisted in the spec, as CABPK does.
    config.spec = {
      ...spec,
      joinConfiguration: {
        ...spec.joinConfiguration,
        discovery: {
          ...spec.joinConfiguration?.discovery,
          file: {
            ...fileDiscovery,
            kubeConfig: {
              ...fileDiscovery.kubeConfig,
              cluster: { ...fileDiscovery.kubeConfig.cluster, server, certificateAuthorityData },
            },
          },
        },
      },
    };
  }
  const current = config.spec ?? {};
  const discoveryFile = fileDiscoveryKubeconfig(current.joinConfiguration?.discovery?.file, {
    apiServerEndpoint: endpoint,
    caCertificate: certificates.ca?.cert,
  });
  const certificateFiles = owner.isControlPlane
    ? controlPlaneCertificateFiles(current.clusterConfiguration, certificates)
    : [];
  const inputs = await nodeInputs({ ...scope, config }, certificateFiles, discoveryFile ? [discoveryFile] : []);
  const bootstrapToken = current.joinConfiguration?.discovery?.bootstrapToken;
  const role = joinRole(inputs, owner.isControlPlane, {
    token: bootstrapToken?.token ?? '',
    apiServerEndpoint: bootstrapToken?.apiServerEndpoint ?? '',
    caCertHashes: bootstrapToken?.caCertHashes ?? [],
  });
  await store(scope, role);
  return tokenDiscovery ? refreshAfter(settings) : undefined;
}

function refreshAfter(settings: KubeadmConfigSettings): Result {
  return { requeueAfter: (settings.tokenTtlSeconds * 1000) / 3 };
}

/**
 * After the data is stored, as CABPK: while the node has not joined, keep its bootstrap token valid (extend it; a
 * MachinePool whose token is gone gets a new one); once a MachinePool has nodes, replace its token when half of it
 * is used up or it is gone, so that scale-ups still find a valid one (data re-rendered in both cases).
 */
async function keepTokenValid(scope: Scope): Promise<Result | undefined> {
  const { config, owner, reader, cluster, settings, logger } = scope;
  const token = config.spec?.joinConfiguration?.discovery?.bootstrapToken?.token;
  if (!token) return undefined;
  const isPool = owner.kind === 'MachinePool';
  if (owner.hasNodeRefs && !isPool) return undefined;
  const workload = await workloadClusterClient(reader, cluster, settings.fieldManager);
  const state = await refreshWorkloadToken(workload, token, settings.tokenTtlSeconds, {
    rotate: isPool && owner.hasNodeRefs,
  });
  if (state === 'missing' && !isPool) {
    throw new Error(`bootstrap token Secret of ${token.split('.')[0]} does not exist in the workload cluster`);
  }
  if (state === 'missing' || state === 'rotate') {
    logger.info({ state }, 'replacing the bootstrap token of the MachinePool');
    const bootstrapToken = { ...config.spec?.joinConfiguration?.discovery?.bootstrapToken };
    delete bootstrapToken.token;
    config.spec = {
      ...config.spec,
      joinConfiguration: {
        ...config.spec?.joinConfiguration,
        discovery: { ...config.spec?.joinConfiguration?.discovery, bootstrapToken },
      },
    };
    return await reconcileJoin(scope);
  }
  if (state === 'refreshed') logger.debug('extended the bootstrap token');
  return refreshAfter(settings);
}

async function store(scope: Scope, role: BootstrapRole): Promise<void> {
  const { client, reader, config, cluster, settings } = scope;
  const data = renderBootstrapData(config.spec, role);
  const value = encodeBootstrapValue(data, settings.gzipCloudConfig);
  const secret = await storeDataSecret(client, reader, config, cluster.metadata.name as string, value, data.format);
  setDataSecretSize(config, value.length, settings.dataSizeLimitBytes || undefined);
  dataSecretCreated(config, secret.metadata.name as string);
}
