import {
  createProviderManager,
  logFlagsWithoutEffect,
  type Manager,
  type ManagerOptionsOverrides,
  parseManagerFlags,
  type Runnable,
  WebhookServer,
} from '@capi-ts/sdk';
import { cachedCloudSessions, sessionOfIdentityRef } from './cloud/index.js';
import { openStackClusterController } from './controllers/openstackcluster/index.js';
import { openStackFloatingIPPoolController } from './controllers/openstackfloatingippool/index.js';
import { openStackMachineController } from './controllers/openstackmachine/index.js';
import { openStackServerController } from './controllers/openstackserver/index.js';
import { EVENT_COMPONENT } from './controllers/shared/events.js';
import { SessionCache } from './openstack/index.js';
import { PROVIDER_FLAG_NAMES, splitProviderFlags } from './provider-flags.js';
import { registerOpenStackWebhooks } from './webhooks/index.js';

/** CAPO's Lease name, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'controller-leader-election-capo';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-openstack-infrastructure';
/** CAPO's default `--health-addr`, where the probes of CAPO's Deployment look. */
export const HEALTH_PROBE_BIND_ADDRESS = ':9440';

/**
 * The provider's manager from its command line (CAPO's flags `--openstackcluster-concurrency`,
 * `--openstackmachine-concurrency`, `--scope-cache-max-size`, `--ca-certs`, the SDK's standard ones with the health
 * probe on CAPO's `:9440` by default, and the flags CAPO accepts that change nothing here, each logged once): the
 * OpenStackCluster, OpenStackServer, OpenStackMachine and OpenStackFloatingIPPool controllers sharing one OpenStack session per distinct cloud (closed when
 * the manager stops), and the webhook server with CAPO's validating webhooks.
 */
export function createManager(argv: readonly string[], overrides: ManagerOptionsOverrides = {}): Manager {
  const { provider, rest } = splitProviderFlags(argv);
  const base = { leaderElectionId: LEADER_ELECTION_ID, fieldManager: FIELD_MANAGER };
  const flags = parseManagerFlags(rest, {
    leaderElectionId: LEADER_ELECTION_ID,
    healthProbeBindAddress: HEALTH_PROBE_BIND_ADDRESS,
    providerFlags: PROVIDER_FLAG_NAMES,
  });
  if (overrides.webhookServer instanceof WebhookServer) registerOpenStackWebhooks(overrides.webhookServer);
  return createProviderManager(
    {
      ...base,
      webhookServer: (flags, logger) => {
        const server = new WebhookServer({ port: flags.webhookPort, certDir: flags.webhookCertDir, logger });
        registerOpenStackWebhooks(server);
        return server;
      },
      setup(manager) {
        logFlagsWithoutEffect(manager.logger, provider.flagsWithoutEffect);
        const sessionCache = new SessionCache(provider.scopeCacheMaxSize);
        manager.add(closeOnStop(sessionCache));
        const sessions = cachedCloudSessions(manager.client, sessionCache, provider.caCerts);
        const { watchFilter } = flags;
        const dependencies = { cache: manager.cache, registry: manager.registry, logger: manager.logger };
        const machineConcurrency = provider.machineConcurrency ?? flags.concurrency;
        const events = manager.eventRecorder(EVENT_COMPONENT);
        manager.add(
          openStackClusterController({
            manager,
            sessions,
            events,
            ...(watchFilter !== undefined ? { watchFilter } : {}),
            controllerOptions: { maxConcurrentReconciles: provider.clusterConcurrency ?? flags.concurrency },
          }),
        );
        manager.add(
          openStackServerController({
            dependencies,
            client: manager.client,
            sessionFor: sessionOfIdentityRef(sessions),
            events,
            concurrency: machineConcurrency,
            ...(watchFilter !== undefined ? { watchFilter } : {}),
          }),
        );
        manager.add(
          openStackMachineController({
            manager,
            sessions,
            events,
            ...(watchFilter !== undefined ? { watchFilter } : {}),
            controllerOptions: { maxConcurrentReconciles: machineConcurrency },
          }),
        );
        manager.add(
          openStackFloatingIPPoolController({
            dependencies,
            client: manager.client,
            sessionFor: sessionOfIdentityRef(sessions),
            ...(watchFilter !== undefined ? { watchFilter } : {}),
          }),
        );
      },
    },
    flags,
    overrides,
  );
}

/** A runnable that closes the shared OpenStack sessions once the manager stops. */
function closeOnStop(cache: SessionCache): Runnable {
  return {
    name: 'openstack-sessions',
    needsLeaderElection: false,
    async start(signal) {
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      await cache.close();
    },
  };
}
