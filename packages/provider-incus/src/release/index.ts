export { componentsSpec, managerImage, releaseComponents, releaseMetadata } from './components.js';
export { releaseTemplates, templatesDirectory } from './templates.js';
export { writeRelease } from './write-release.js';
