export * from './api/index.js';
export { CertificatesApi, certificateFingerprint } from './certificates.js';
export { IncusClient } from './client.js';
export {
  defaultIncusSocketPath,
  type HttpsEndpoint,
  type IncusConnectionOptions,
  type IncusEndpoint,
  type UnixEndpoint,
} from './connection.js';
export * from './errors.js';
export { EventsApi, IncusEventSubscription, type SubscribeOptions } from './events.js';
export { connectionFromIdentitySecret, IdentitySecretError } from './identity-secret.js';
export { ImagesApi } from './images.js';
export { type ExecOptions, type ExecResult, InstanceExecApi } from './instance-exec.js';
export { InstanceFilesApi, type InstanceFileType, type PulledFile, type PushFileOptions } from './instance-files.js';
export { type CreateInstanceOptions, InstancesApi, type StopInstanceOptions } from './instances.js';
export { NetworkForwardsApi } from './network-forwards.js';
export { NetworkLoadBalancersApi } from './network-load-balancers.js';
export { type CreateNetworkOptions, NetworksApi } from './networks.js';
export { type OperationOptions, OperationsApi, type WaitOptions } from './operations.js';
export { ProfilesApi } from './profiles.js';
export { type IncusRawResponse, type IncusRequest, IncusTransport } from './transport.js';
