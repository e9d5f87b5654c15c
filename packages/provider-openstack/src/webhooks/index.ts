/** The provider's validating admission webhooks (CAPO's immutability and cross-field rules). */
export { openStackClusterTemplateValidator } from './openstack-cluster-template-webhook.js';
export { openStackClusterValidator } from './openstack-cluster-webhook.js';
export { openStackMachineTemplateValidator } from './openstack-machine-template-webhook.js';
export { openStackMachineValidator } from './openstack-machine-webhook.js';
export { openStackServerValidator } from './openstack-server-webhook.js';
export {
  type OpenStackWebhook,
  openStackValidatingWebhookConfiguration,
  openStackWebhooks,
  registerOpenStackWebhooks,
  type WebhookEndpoint,
} from './registry.js';
