export * from './cluster-configuration.js';
export * from './conditions.js';
export * from './fields.js';
export * from './kubeadmconfig.js';
export * from './kubeadmconfig-spec.js';
export * from './kubeadmconfigtemplate.js';
export * from './node-configuration.js';
