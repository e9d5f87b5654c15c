export { type CleanupResult, type FinalizerHandlers, finalize } from './finalize.js';
export { ensureFinalizer, hasFinalizer, removeFinalizer } from './finalizers.js';
