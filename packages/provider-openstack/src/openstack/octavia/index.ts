export * from './health-monitors.js';
export * from './listeners.js';
export * from './load-balancers.js';
export * from './pools.js';
export * from './providers.js';
export * from './versions.js';
