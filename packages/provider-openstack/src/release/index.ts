/** The provider's clusterctl release: components, metadata and templates. */
export { componentsSpec, managerImage, releaseMetadata } from './components.js';
export { releaseTemplates, templatesDirectory } from './templates.js';
export { writeRelease } from './write-release.js';
