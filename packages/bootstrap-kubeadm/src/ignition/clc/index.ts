export { ContainerLinuxConfigError, type ContainerLinuxConfigOptions } from './transpile.js';
