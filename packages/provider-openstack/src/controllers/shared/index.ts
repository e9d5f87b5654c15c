/** Pure building blocks of the controllers: CAPO's names, finalizers, providerIDs, conditions and derived values. */
export * from './allowed-cidrs.js';
export * from './conditions.js';
export * from './failure-domains.js';
export * from './finalizers.js';
export * from './identity-access.js';
export * from './instance-tags.js';
export * from './machine-addresses.js';
export * from './provider-id.js';
export * from './resource-names.js';
export * from './security-group-rules.js';
export * from './server-spec.js';
