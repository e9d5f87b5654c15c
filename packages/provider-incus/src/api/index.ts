export * from './crds.js';
export * from './v1alpha2/index.js';
