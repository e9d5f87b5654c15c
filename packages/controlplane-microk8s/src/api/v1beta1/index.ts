export * from './conditions.js';
export * from './microk8scontrolplane.js';
export * from './microk8scontrolplane-spec.js';
export * from './microk8scontrolplane-status.js';
export * from './microk8scontrolplanetemplate.js';
