/**
 * Test support for the OpenStack provider: the {@link TestCloud} shape shared by the real services and the
 * in-process simulator, and the simulator itself (see simulator/README.md).
 * Imported as `@capi-ts/provider-openstack/test-support`.
 */
export {
  type ClockMode,
  type FaultEffect,
  type FaultRule,
  type InstalledFault,
  type LeftoverResource,
  OpenStackSimulator,
  type OpenStackSimulatorOptions,
  type QuotaLimits,
  type RecordedRequest,
  type RequestFilter,
  type ServiceName,
  type SimulatorDelays,
  type SimulatorSeed,
  startOpenStackSimulator,
} from './simulator/index.js';
export type { TestCloud, TestCloudApplicationCredential, TestCloudPasswordCredentials } from './test-cloud.js';
