import {
  builtin,
  type Cluster,
  type Controller,
  type ControllerDependencies,
  capiTypes,
  controllerBuilder,
  EventRecorder,
  groupOf,
  type InformerSource,
  type IPAddress,
  type IPAddressClaim,
  ipamTypes,
  type KubeClient,
  type MapFunction,
  type Secret,
  StandardIndex,
} from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { EVENT_COMPONENT } from '../shared/events.js';
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
  /** Where CAPO's events go; by default a recorder of its own (`openstack-controller`). */
  events?: EventRecorder;
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

/** IPAddressClaim → the OpenStackServers owning it (the claim of a server's floating IP pool). */
const claimToServers: MapFunction<IPAddressClaim> = (claim) =>
  (claim.metadata.ownerReferences ?? [])
    .filter((ref) => ref.kind === OpenStackServer.kind && groupOf(ref.apiVersion) === OpenStackServer.group)
    .map((ref) => ({ namespace: claim.metadata.namespace as string, name: ref.name }));

/** IPAddress → the servers owning the claim it was allocated for (the address may reach the cache after the claim). */
function addressToServers(cache: InformerSource): MapFunction<IPAddress> {
  return (address) => {
    const claim = cache
      .informerFor(ipamTypes.ipAddressClaim)
      .get({ namespace: address.metadata.namespace as string, name: address.spec.claimRef.name });
    return claim ? claimToServers(claim) : [];
  };
}

/**
 * The OpenStackServer controller: the Nova server of an OpenStackMachine, of the bastion, or created directly,
 * with its ports and volumes and its floating IP from an OpenStackFloatingIPPool (see
 * {@link openStackServerReconciler}); woken by the servers, their Clusters' pause transitions, their user data
 * Secrets, and the IPAddressClaims they own and the IPAddresses allocated for them.
 */
export function openStackServerController(options: OpenStackServerControllerOptions): Controller {
  const { cache } = options.dependencies;
  return controllerBuilder(options.dependencies)
    .named('openstackserver')
    .for(OpenStackServer)
    .withWatchFilter(options.watchFilter)
    .watches(capiTypes.cluster, clusterToServers(cache))
    .watches(builtin.secret, userDataSecretToServers(cache))
    .watches(ipamTypes.ipAddressClaim, claimToServers)
    .watches(ipamTypes.ipAddress, addressToServers(cache))
    .withConcurrency(options.concurrency ?? 10)
    .build(
      openStackServerReconciler({
        client: options.client,
        cache,
        sessionFor: options.sessionFor,
        events:
          options.events ??
          new EventRecorder({
            client: options.client,
            component: EVENT_COMPONENT,
            logger: options.dependencies.logger,
          }),
        ...(options.maxErrorReplacements !== undefined ? { maxErrorReplacements: options.maxErrorReplacements } : {}),
        ...(options.quotaRetryMs !== undefined ? { quotaRetryMs: options.quotaRetryMs } : {}),
      }),
    );
}
