export * from './cloud-config.js';
export * from './go-quote.js';
export * from './input.js';
export * from './sections.js';
