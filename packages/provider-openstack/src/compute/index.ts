/**
 * Building blocks of the compute controllers, each taking a ready OpenStack session: resolving a server's
 * references, its ports, volumes, create request, and its deletion in CAPO's order.
 */
export * from './adaptive-requeue.js';
export * from './compute-api.js';
export * from './deletion.js';
export * from './errors.js';
export * from './ports.js';
export * from './resolve-references.js';
export * from './server-request.js';
export * from './volumes.js';
