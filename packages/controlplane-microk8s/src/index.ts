export * from './api/crds.js';
export * from './api/v1beta1/index.js';
export * from './controllers/microk8scontrolplane/index.js';
export { createManager, FIELD_MANAGER, LEADER_ELECTION_ID, parseFlags } from './manager.js';
export { providerInfo } from './provider-info.js';
export { componentsSpec, managerImage, releaseComponents, releaseMetadata } from './release/components.js';
