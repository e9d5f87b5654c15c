export * from './certificate.js';
export * from './event.js';
export * from './image.js';
export * from './instance.js';
export * from './network.js';
export * from './operation.js';
export * from './profile.js';
export * from './server.js';
