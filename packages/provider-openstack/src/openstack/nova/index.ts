export * from './availability-zones.js';
export * from './flavors.js';
export * from './microversion.js';
export * from './server-groups.js';
export * from './servers.js';
