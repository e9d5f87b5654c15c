/**
 * Test support for the OpenStack provider: the {@link TestCloud} shape shared by the real services and the
 * in-process simulator, and the simulator itself (see simulator/README.md).
 * Imported as `@capi-ts/provider-openstack/test-support`.
 */
export { demoCloudsYaml } from './demo-clouds-yaml.js';
export {
  type ClockMode,
  type FailurePolicies,
  type FaultEffect,
  type FaultRule,
  type InstalledFault,
  type LeftoverResource,
  type LoadBalancerFailurePolicy,
  OpenStackSimulator,
  type OpenStackSimulatorOptions,
  type QuotaLimits,
  type RecordedRequest,
  type RequestFilter,
  type ServerFailurePolicy,
  type ServiceName,
  type SimulatorDelays,
  type SimulatorFlavor,
  type SimulatorImage,
  type SimulatorSeed,
  startOpenStackSimulator,
  type VolumeFailurePolicy,
} from './simulator/index.js';
export type { TestCloud, TestCloudApplicationCredential, TestCloudPasswordCredentials } from './test-cloud.js';
