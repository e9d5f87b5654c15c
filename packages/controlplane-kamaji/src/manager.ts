import {
  ClusterCache,
  conversionWebhook,
  createProviderManager,
  type Manager,
  type ManagerOptionsOverrides,
  parseProviderFlags,
  WebhookServer,
} from '@capi-ts/sdk';
import { conversions } from './api/conversion/index.js';
import { kamajiControlPlaneController } from './controllers/kamajicontrolplane/controller.js';
import { splitProviderFlags } from './provider-flags.js';

/** The Lease name of the upstream provider, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'kamaji.controlplane.cluster.x-k8s.io';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-kamaji-controlplane';

const base = { leaderElectionId: LEADER_ELECTION_ID, fieldManager: FIELD_MANAGER, concurrency: 1 };

/**
 * The provider's manager from its command line: the KamajiControlPlane controller (with a cluster cache for
 * external clusters), and the webhook server with the v1alpha1 ↔ v1alpha2 conversion webhook at `/convert`.
 * Upstream's flag defaults apply: one reconcile at a time.
 */
export function createManager(argv: readonly string[], overrides: ManagerOptionsOverrides = {}): Manager {
  const { provider, rest } = splitProviderFlags(argv);
  const flags = parseProviderFlags(base, rest);
  if (overrides.webhookServer instanceof WebhookServer) {
    overrides.webhookServer.register('/convert', conversionWebhook(...conversions));
  }
  return createProviderManager(
    {
      ...base,
      webhookServer: (flags, logger) => {
        const server = new WebhookServer({ port: flags.webhookPort, certDir: flags.webhookCertDir, logger });
        server.register('/convert', conversionWebhook(...conversions));
        return server;
      },
      setup(manager) {
        const clusterCache = new ClusterCache({
          cache: manager.cache,
          logger: manager.logger.child({ component: 'cluster-cache' }),
        });
        manager.add(clusterCache);
        manager.add(
          kamajiControlPlaneController({
            manager,
            features: provider.features,
            dynamicInfrastructureClusters: provider.dynamicInfrastructureClusters,
            concurrency: provider.maxConcurrentReconciles ?? flags.concurrency,
            watchFilter: flags.watchFilter,
            clusterCache,
          }),
        );
      },
    },
    flags,
    overrides,
  );
}
