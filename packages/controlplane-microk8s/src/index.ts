export * from './api/crds.js';
export * from './api/v1beta1/index.js';
export * from './controllers/microk8scontrolplane/index.js';
export { providerInfo } from './provider-info.js';
