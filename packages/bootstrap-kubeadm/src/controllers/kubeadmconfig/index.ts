export * from './bootstrap-data.js';
export * from './bootstrap-token.js';
export * from './ca-cert-hash.js';
export * from './certificate-files.js';
export * from './cluster-data.js';
export * from './join-defaults.js';
