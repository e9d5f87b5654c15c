import {
  type BootstrapConfigMappers,
  bootstrapConfigMappers,
  type Cluster,
  type InformerSource,
  type MapFunction,
  parseClusterSecretName,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { KubeadmConfig } from '../../api/v1beta2/index.js';
import { isDataSecretCreated } from './status.js';

// Watch mappings of KubeadmConfigs beyond the ones every bootstrap provider shares (`bootstrapConfigMappers`): a
// Cluster change, and a Secret change.

/** The mappings every bootstrap provider shares, for KubeadmConfigs. */
export function kubeadmConfigMappers(cache: InformerSource): BootstrapConfigMappers {
  return bootstrapConfigMappers(cache, { type: KubeadmConfig, isDataSecretCreated });
}

/** Cluster → the configs of its machines that still wait (infrastructure, initialisation, endpoint, pause). */
export function clusterToConfigs(cache: InformerSource, shared: BootstrapConfigMappers): MapFunction<Cluster> {
  return (cluster) => {
    const namespace = cluster.metadata.namespace as string;
    const waiting = shared.waitingConfigsOfCluster(namespace, cluster.metadata.name as string);
    if (!cluster.spec.paused) return waiting;
    // Pausing must reach every config (its Paused condition), not only the waiting ones.
    const all = cache
      .informerFor(KubeadmConfig)
      .byIndex(StandardIndex.clusterName, `${namespace}/${cluster.metadata.name}`)
      .map((config) => ({ namespace, name: config.metadata.name as string }));
    return [...new Map([...waiting, ...all].map((r) => [r.name, r])).values()];
  };
}

function referencesSecret(config: Readonly<KubeadmConfig>, name: string): boolean {
  const spec = config.spec;
  return (
    (spec?.files ?? []).some((f) => f.contentFrom?.secret.name === name) ||
    (spec?.users ?? []).some((u) => u.passwdFrom?.secret.name === name)
  );
}

/**
 * Secret → its controlling config (a data Secret); for a cluster Secret (certificates, kubeconfig) the waiting
 * configs of that cluster; for any other Secret the waiting configs of the namespace whose files or users read it.
 */
export function secretToConfigs(cache: InformerSource, shared: BootstrapConfigMappers): MapFunction<Secret> {
  return (secret) => {
    const namespace = secret.metadata.namespace;
    const name = secret.metadata.name ?? '';
    if (!namespace) return [];
    const controller = secret.metadata.ownerReferences?.find(
      (ref) =>
        ref.controller === true &&
        ref.kind === KubeadmConfig.kind &&
        ref.apiVersion.startsWith(`${KubeadmConfig.group}/`) &&
        ref.name === name,
    );
    if (controller) return [{ namespace, name: controller.name }];
    const clusterSecret = parseClusterSecretName(name);
    const fromClusterSecret = clusterSecret ? shared.waitingConfigsOfCluster(namespace, clusterSecret.clusterName) : [];
    const readers = cache
      .informerFor(KubeadmConfig)
      .list({ namespace })
      .filter((config) => !isDataSecretCreated(config) && referencesSecret(config, name))
      .map((config) => ({ namespace, name: config.metadata.name as string }));
    return [...new Map([...fromClusterSecret, ...readers].map((r) => [r.name, r])).values()];
  };
}
