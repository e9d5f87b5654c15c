export type { Runnable } from './runnable.js';
