/** Pure building blocks of the controllers: CAPO's resource names, finalizers, providerIDs and security group rules. */
export * from './finalizers.js';
export * from './provider-id.js';
export * from './resource-names.js';
export * from './security-group-rules.js';
