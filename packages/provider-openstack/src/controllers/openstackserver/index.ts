/** The OpenStackServer controller. */
export * from './controller.js';
export * from './error-policy.js';
export * from './reconciler.js';
export * from './session-provider.js';
