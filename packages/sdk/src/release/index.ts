export {
  type ClusterctlConfig,
  type ClusterctlConfigProvider,
  renderClusterctlConfig,
} from './clusterctl-config.js';
export { type ComponentNames, componentNames } from './component-names.js';
export { buildComponents, renderComponentsYaml } from './components.js';
export type {
  AdmissionWebhookSpec,
  ComponentsSpec,
  ConversionWebhookSpec,
  ManagerSpec,
  RbacSpec,
  WebhooksSpec,
} from './components-spec.js';
export { BadSubstitutionError } from './envsubst/parser.js';
export type {
  ComponentsCrd,
  EnvVar,
  PolicyRule,
  WebhookRule,
  WebhookSelector,
} from './kubernetes-types.js';
export { type LocalRepositoryEntry, type ProviderRelease, writeLocalRepository } from './local-repository.js';
export {
  buildMetadata,
  type ClusterctlMetadata,
  type ReleaseSeries,
  releaseSeriesFor,
  renderMetadataYaml,
} from './metadata.js';
export {
  componentsFileName,
  manifestLabel,
  PROVIDER_LABEL,
  PROVIDER_TYPES,
  type ProviderRef,
  type ProviderType,
} from './provider.js';
export { AGGREGATE_TO_CAPI_MANAGER_LABEL, LEADER_ELECTION_RULES } from './rbac-objects.js';
export {
  DEFAULT_RELEASE_OUT_DIR,
  type ReleaseCommandOptions,
  runReleaseCommand,
} from './release-command.js';
export { parseReleaseVersion, type ReleaseVersion } from './release-version.js';
export { INJECT_CA_FROM_ANNOTATION, WEBHOOK_CERT_DIR } from './resolved-components.js';
export {
  listVariables,
  MissingVariablesError,
  substituteVariables,
  type TemplateVariable,
  type VariableValues,
  variableReference,
} from './variables.js';
