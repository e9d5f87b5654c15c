/**
 * Test support for code that needs a real Incus daemon: see README.md in this folder.
 * Imported by other packages as `@capi-ts/provider-incus/test-support`.
 */
export { ensureIncus, type IncusAvailability, type IncusAvailable, type IncusUnavailable } from './daemon.js';
export { ensureHaproxyImage } from './haproxy-image.js';
export {
  ensureHttpsListener,
  type HttpsListener,
  type TrustedClientCertificate,
  trustedClientCertificate,
} from './https.js';
export {
  baseCloudImageAlias,
  type CloudImage,
  type CloudImageOptions,
  type ExtraFile,
  ensureCloudImage,
} from './image.js';
export { deleteInstance, IncusCleanup, type LaunchOptions, launchContainer, waitForCloudInit } from './instances.js';
export { uniqueName } from './names.js';
export {
  defaultStandInLog,
  readStandInCalls,
  recordingStandIn,
  type StandInCall,
  type StandInOptions,
} from './stand-ins.js';
