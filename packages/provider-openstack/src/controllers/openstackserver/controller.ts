import {
  builtin,
  type Cluster,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  controllerBuilder,
  type InformerSource,
  type KubeClient,
  type MapFunction,
  predicates,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { openStackServerReconciler } from './reconciler.js';
import type { ServerSessionProvider } from './session-provider.js';

/** Options of {@link openStackServerController}. */
export interface OpenStackServerControllerOptions {
  dependencies: ControllerDependencies;
  client: KubeClient;
  /** The session of a server's `identityRef`. */
  sessionFor: ServerSessionProvider;
  /** How many servers are reconciled at once; default 10. */
  concurrency?: number;
  /** `--watch-filter`: only objects with this `cluster.x-k8s.io/watch-filter` label value. */
  watchFilter?: string;
  /** Replacements of a server in ERROR before giving up (default 3). */
  maxErrorReplacements?: number;
  /** Delay before creating again after a quota error (default 60 s). */
  quotaRetryMs?: number;
}

/** Cluster → the servers labelled with it (pause and unpause). */
function clusterToServers(cache: InformerSource): MapFunction<Cluster> {
  return (cluster) =>
    cache
      .informerFor(OpenStackServer)
      .byIndex(StandardIndex.clusterName, `${cluster.metadata.namespace}/${cluster.metadata.name}`)
      .map((server) => ({ namespace: server.metadata.namespace as string, name: server.metadata.name as string }));
}

/** Secret → the servers waiting for it as their user data. */
function userDataSecretToServers(cache: InformerSource): MapFunction<Secret> {
  return (secret) =>
    cache
      .informerFor(OpenStackServer)
      .list({ namespace: secret.metadata.namespace as string })
      .filter((server) => server.spec.userDataRef?.name === secret.metadata.name && !server.status?.instanceID)
      .map((server) => ({ namespace: server.metadata.namespace as string, name: server.metadata.name as string }));
}

/**
 * The OpenStackServer controller: the Nova server of an OpenStackMachine, of the bastion, or created directly,
 * with its ports and volumes (see {@link openStackServerReconciler}).
 */
export function openStackServerController(options: OpenStackServerControllerOptions): Controller {
  const { cache } = options.dependencies;
  return controllerBuilder(options.dependencies)
    .named('openstackserver')
    .for(OpenStackServer, { predicates: [predicates.resourceHasFilterLabel(options.watchFilter)] })
    .watches(capiTypes.cluster, clusterToServers(cache))
    .watches(builtin.secret, userDataSecretToServers(cache))
    .withConcurrency(options.concurrency ?? 10)
    .build(
      openStackServerReconciler({
        client: options.client,
        cache,
        sessionFor: options.sessionFor,
        ...(options.maxErrorReplacements !== undefined ? { maxErrorReplacements: options.maxErrorReplacements } : {}),
        ...(options.quotaRetryMs !== undefined ? { quotaRetryMs: options.quotaRetryMs } : {}),
      }),
    );
}
