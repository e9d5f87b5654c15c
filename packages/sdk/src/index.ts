export * from './client/index.js';
export * from './pki/index.js';
