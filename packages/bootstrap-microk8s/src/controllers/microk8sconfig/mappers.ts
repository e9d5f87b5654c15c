import {
  type BootstrapConfigMappers,
  bootstrapConfigMappers,
  type Cluster,
  type InformerSource,
  type KubeObject,
  type MapFunction,
  type Secret,
} from '@capi-ts/sdk';
import { MicroK8sConfig } from '../../api/v1beta1/index.js';
import { ClusterSecretSuffix } from './cluster-secrets.js';
import { isDataSecretCreated } from './status.js';

// Watch mappings of MicroK8sConfigs beyond the ones every bootstrap provider shares (`bootstrapConfigMappers`): a
// Cluster change, and a Secret change.

/** The mappings every bootstrap provider shares, for MicroK8sConfigs. */
export function microK8sConfigMappers(cache: InformerSource): BootstrapConfigMappers {
  return bootstrapConfigMappers(cache, { type: MicroK8sConfig, isDataSecretCreated });
}

/** Cluster → the configs of its machines that still wait (infrastructure, initialisation, endpoint). */
export function clusterToConfigs(shared: BootstrapConfigMappers): MapFunction<Cluster> {
  return (cluster) =>
    shared.waitingConfigsOfCluster(cluster.metadata.namespace as string, cluster.metadata.name as string);
}

function clusterNameFromSuffix(name: string, suffixes: readonly string[]): string | undefined {
  for (const suffix of suffixes) if (name.endsWith(`-${suffix}`)) return name.slice(0, -suffix.length - 1);
  return undefined;
}

const SHARED_SUFFIXES = Object.values(ClusterSecretSuffix);

/** Secret → its controlling config (a data Secret), or the waiting configs of the cluster of a shared Secret. */
export function secretToConfigs(shared: BootstrapConfigMappers): MapFunction<Secret> {
  return (secret: Readonly<KubeObject>) => {
    const namespace = secret.metadata.namespace;
    if (!namespace) return [];
    const controller = secret.metadata.ownerReferences?.find(
      (ref) =>
        ref.controller === true &&
        ref.kind === MicroK8sConfig.kind &&
        ref.apiVersion.startsWith(`${MicroK8sConfig.group}/`),
    );
    if (controller) return [{ namespace, name: controller.name }];
    const clusterName = clusterNameFromSuffix(secret.metadata.name ?? '', SHARED_SUFFIXES);
    return clusterName ? shared.waitingConfigsOfCluster(namespace, clusterName) : [];
  };
}
