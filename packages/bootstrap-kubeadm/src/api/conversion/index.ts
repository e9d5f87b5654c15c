export * from './duration.js';
export * from './kubeadm-config.js';
export * from './spec.js';
export * from './status.js';
