import {
  conversionWebhook,
  Manager,
  type ManagerOptionsOverrides,
  managerOptionsFromFlags,
  parseManagerFlags,
  validatingWebhook,
  WebhookServer,
} from '@capi-ts/sdk';
import { kubeadmConfigConversion, kubeadmConfigTemplateConversion } from './api/conversion/index.js';
import { kubeadmConfigController } from './controllers/kubeadmconfig/index.js';
import { splitProviderFlags } from './provider-flags.js';
import { kubeadmConfigTemplateValidator, kubeadmConfigValidator, WebhookPath } from './webhooks/admission.js';

/** CABPK's Lease name, so a rolling replacement of the Go manager never runs two leaders. */
export const LEADER_ELECTION_ID = 'kubeadm-bootstrap-manager-leader-election-capi';
/** The field manager of this provider's writes. */
export const FIELD_MANAGER = 'capi-kubeadm-bootstrap';

/**
 * The provider's manager from its command line: the KubeadmConfig controller, and the webhook server with the
 * v1beta1 ↔ v1beta2 conversion webhook and the KubeadmConfig/KubeadmConfigTemplate validating webhooks.
 */
export function createManager(argv: readonly string[], overrides: ManagerOptionsOverrides = {}): Manager {
  const { provider, rest } = splitProviderFlags(argv);
  const flags = parseManagerFlags(rest, { leaderElectionId: LEADER_ELECTION_ID });
  const options = managerOptionsFromFlags(flags, { fieldManager: FIELD_MANAGER, ...overrides });
  const webhookServer =
    overrides.webhookServer ??
    new WebhookServer({ port: flags.webhookPort, certDir: flags.webhookCertDir, logger: options.logger });
  if (webhookServer instanceof WebhookServer) {
    const gates = { ignitionEnabled: provider.features.KubeadmBootstrapFormatIgnition };
    webhookServer.register(
      WebhookPath.conversion,
      conversionWebhook(kubeadmConfigConversion, kubeadmConfigTemplateConversion),
    );
    webhookServer.register(WebhookPath.kubeadmConfig, validatingWebhook(kubeadmConfigValidator(gates)));
    webhookServer.register(WebhookPath.kubeadmConfigTemplate, validatingWebhook(kubeadmConfigTemplateValidator(gates)));
  }
  const manager = new Manager({ ...options, webhookServer });
  manager.add(
    kubeadmConfigController({
      dependencies: { cache: manager.cache, registry: manager.registry, logger: manager.logger },
      client: manager.client,
      settings: { ...provider.settings, fieldManager: FIELD_MANAGER },
      concurrency: flags.concurrency,
      watchFilter: flags.watchFilter,
    }),
  );
  return manager;
}
