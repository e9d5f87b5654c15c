/** Per-object access to the cloud: credentials from an `identityRef`, turned into a shared OpenStack session. */
export * from './identity.js';
export * from './retrying-session.js';
export * from './sessions.js';
