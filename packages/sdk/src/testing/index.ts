export { applyStrictly } from './apply-strictly.js';
export {
  CLUSTER_API_VERSION,
  clusterApiCrdDirectory,
  ETCD_VERSION,
  KUBERNETES_VERSION,
  type KubeAssets,
  resolveKubeAssets,
} from './assets.js';
export {
  createMachineWithBootstrapConfig,
  type MachineWithBootstrapConfigOptions,
} from './bootstrap-config-fixture.js';
export { type CapiBinaries, resolveCapiBinaries } from './capi-binaries.js';
export { type ConversionServer, startConversionServer } from './conversion-server.js';
export { type CrdSource, installCrds, loadCrds, servedResourceTypes } from './crds.js';
export { startTestEnvironment, type TestEnvironment, type TestEnvironmentOptions } from './environment.js';
export { type EventuallyOptions, eventually } from './eventually.js';
export { type ManagerHarness, type ManagerHarnessOptions, startManagerHarness } from './manager-harness.js';
export {
  type AppliedManifest,
  applyManifestFile,
  createAsWritten,
  type ManifestTarget,
  parseManifests,
  readManifestFile,
} from './manifests.js';
export {
  type ComponentsManagerIdentity,
  componentsManagerIdentity,
  installedComponents,
} from './release-components.js';
export {
  type ComparedFact,
  crdSchemaFacts,
  RESTRICTING_KEYWORDS,
  type SchemaCompatibilityOptions,
  type SchemaFact,
  type SchemaFacts,
  schemaCompatibilityProblems,
} from './schema-facts.js';
export { type WritesOnceSettledOptions, writesOnceSettled } from './writes-once-settled.js';
