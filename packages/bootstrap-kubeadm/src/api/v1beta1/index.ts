export * from './kubeadmconfig.js';
export * from './kubeadmconfig-spec.js';
export * from './kubeadmconfigtemplate.js';
