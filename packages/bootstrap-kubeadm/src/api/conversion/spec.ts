import { goDuration } from '../../kubeadm/duration.js';
import type { KubeadmConfigSpecV1beta1 } from '../v1beta1/index.js';
import type { KubeadmConfigSpec } from '../v1beta2/index.js';
import { argsToList, argsToMap } from './args.js';
import { parseGoDurationSeconds } from './duration.js';
import { pruneEmpty } from './prune.js';

// KubeadmConfigSpec between v1beta1 and v1beta2, as Cluster API's conversion maps it: argument maps become lists,
// Go durations become seconds (`apiServer.timeoutForControlPlane` → init and join
// `timeouts.controlPlaneComponentHealthCheckSeconds`, `discovery.timeout` → `timeouts.tlsBootstrapSeconds`), the
// Cluster-derived fields, TypeMeta and `useExperimentalRetryJoin` are dropped on the way up.

type SpecV1 = KubeadmConfigSpecV1beta1;
type ClusterV1 = NonNullable<SpecV1['clusterConfiguration']>;
type ClusterV2 = NonNullable<KubeadmConfigSpec['clusterConfiguration']>;
type NodeRegistrationV1 = NonNullable<NonNullable<SpecV1['initConfiguration']>['nodeRegistration']>;
type NodeRegistrationV2 = NonNullable<NonNullable<KubeadmConfigSpec['initConfiguration']>['nodeRegistration']>;
type ComponentV1 = NonNullable<ClusterV1['controllerManager']>;
type ComponentV2 = NonNullable<ClusterV2['controllerManager']>;

const KEEP_EMPTY = ['joinConfiguration.controlPlane'];

const seconds = (duration: string | undefined) =>
  duration === undefined ? undefined : parseGoDurationSeconds(duration);
const duration = (value: number | undefined) => (value === undefined ? undefined : goDuration(value));

const componentUp = (c: ComponentV1 | undefined): ComponentV2 | undefined =>
  c && { ...c, extraArgs: argsToList(c.extraArgs) };
const componentDown = (c: ComponentV2 | undefined): ComponentV1 | undefined =>
  c && { ...c, extraArgs: argsToMap(c.extraArgs) };

const registrationUp = (n: NodeRegistrationV1 | undefined): NodeRegistrationV2 | undefined =>
  n && { ...n, kubeletExtraArgs: argsToList(n.kubeletExtraArgs) };
const registrationDown = (n: NodeRegistrationV2 | undefined): NodeRegistrationV1 | undefined =>
  n && { ...n, kubeletExtraArgs: argsToMap(n.kubeletExtraArgs) };

function clusterUp(c: ClusterV1 | undefined): ClusterV2 | undefined {
  if (!c) return undefined;
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    networking: _networking,
    kubernetesVersion: _kubernetesVersion,
    clusterName: _clusterName,
    apiServer,
    controllerManager,
    scheduler,
    etcd,
    ...rest
  } = c;
  const { timeoutForControlPlane: _timeout, ...server } = apiServer ?? {};
  return {
    ...rest,
    etcd: etcd && { ...etcd, local: etcd.local && { ...etcd.local, extraArgs: argsToList(etcd.local.extraArgs) } },
    apiServer: apiServer && { ...server, extraArgs: argsToList(server.extraArgs) },
    controllerManager: componentUp(controllerManager),
    scheduler: componentUp(scheduler),
  };
}

function clusterDown(c: ClusterV2 | undefined, timeoutSeconds: number | undefined): ClusterV1 | undefined {
  if (!c && timeoutSeconds === undefined) return undefined;
  const { apiServer, controllerManager, scheduler, etcd, ...rest } = c ?? {};
  return {
    ...rest,
    etcd: etcd && { ...etcd, local: etcd.local && { ...etcd.local, extraArgs: argsToMap(etcd.local.extraArgs) } },
    apiServer: {
      ...apiServer,
      extraArgs: argsToMap(apiServer?.extraArgs),
      timeoutForControlPlane: duration(timeoutSeconds),
    },
    controllerManager: componentDown(controllerManager),
    scheduler: componentDown(scheduler),
  };
}

/** A v1beta1 spec as v1beta2. */
export function specToV1beta2(spec: SpecV1): KubeadmConfigSpec {
  const {
    clusterConfiguration,
    initConfiguration,
    joinConfiguration,
    useExperimentalRetryJoin: _retryJoin,
    ...rest
  } = spec;
  const healthCheck = seconds(clusterConfiguration?.apiServer?.timeoutForControlPlane);
  const init = initConfiguration ?? (healthCheck === undefined ? undefined : {});
  const tlsBootstrap = seconds(joinConfiguration?.discovery?.timeout);
  const join = joinConfiguration ?? (healthCheck === undefined && tlsBootstrap === undefined ? undefined : {});
  const { apiVersion: _ia, kind: _ik, ...initRest } = init ?? {};
  const { apiVersion: _ja, kind: _jk, discovery, ...joinRest } = join ?? {};
  const { timeout: _discoveryTimeout, ...discoveryRest } = discovery ?? {};
  const converted = {
    ...rest,
    clusterConfiguration: clusterUp(clusterConfiguration),
    initConfiguration: init && {
      ...initRest,
      bootstrapTokens: initRest.bootstrapTokens?.map(({ ttl, ...token }) => ({ ...token, ttlSeconds: seconds(ttl) })),
      nodeRegistration: registrationUp(initRest.nodeRegistration),
      timeouts: { controlPlaneComponentHealthCheckSeconds: healthCheck },
    },
    joinConfiguration: join && {
      ...joinRest,
      discovery: discovery && discoveryRest,
      nodeRegistration: registrationUp(joinRest.nodeRegistration),
      timeouts: { controlPlaneComponentHealthCheckSeconds: healthCheck, tlsBootstrapSeconds: tlsBootstrap },
    },
  };
  return pruneEmpty(converted, KEEP_EMPTY) as KubeadmConfigSpec;
}

/** A v1beta2 spec as v1beta1 (fields v1beta1 cannot hold are dropped; the conversion keeps them elsewhere). */
export function specToV1beta1(spec: KubeadmConfigSpec): SpecV1 {
  const { clusterConfiguration, initConfiguration, joinConfiguration, ignition, ...rest } = spec;
  const healthCheck = initConfiguration?.timeouts?.controlPlaneComponentHealthCheckSeconds;
  const tlsBootstrap = joinConfiguration?.timeouts?.tlsBootstrapSeconds;
  const { timeouts: _it, ...init } = initConfiguration ?? {};
  const { timeouts: _jt, ...join } = joinConfiguration ?? {};
  const converted = {
    ...rest,
    ignition: ignition && { containerLinuxConfig: ignition.containerLinuxConfig },
    clusterConfiguration: clusterDown(clusterConfiguration, healthCheck),
    initConfiguration: initConfiguration && {
      ...init,
      bootstrapTokens: init.bootstrapTokens?.map(({ ttlSeconds, ...token }) => ({
        ...token,
        ttl: duration(ttlSeconds),
      })),
      nodeRegistration: registrationDown(init.nodeRegistration),
    },
    joinConfiguration:
      joinConfiguration || tlsBootstrap !== undefined
        ? {
            ...join,
            discovery: { ...join.discovery, timeout: duration(tlsBootstrap) },
            nodeRegistration: registrationDown(join.nodeRegistration),
          }
        : undefined,
  };
  return pruneEmpty(converted, KEEP_EMPTY) as SpecV1;
}
