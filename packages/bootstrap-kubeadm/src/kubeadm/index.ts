export * from './api-version.js';
export * from './cluster-configuration.js';
export * from './duration.js';
export * from './go-yaml.js';
export * from './node-configuration.js';
