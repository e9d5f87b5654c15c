export * from './api/crds.js';
export * from './api/v1beta1/index.js';
export { providerInfo } from './provider-info.js';
