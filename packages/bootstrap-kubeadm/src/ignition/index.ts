export * from './clc/index.js';
export * from './encoding.js';
export * from './model.js';
export * from './render.js';
export * from './v2.js';
export * from './v3.js';
