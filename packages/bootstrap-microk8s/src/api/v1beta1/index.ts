export * from './conditions.js';
export * from './microk8sconfig.js';
export * from './microk8sconfig-spec.js';
export * from './microk8sconfigtemplate.js';
