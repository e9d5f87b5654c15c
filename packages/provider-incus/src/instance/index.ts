export { hostAddresses, type MachineAddress, machineAddresses } from './addresses.js';
export {
  buildInstance,
  type InstanceInput,
  KIND_APT_INSTALL_CLOUD_INIT_KEY,
  type MachineInstanceSpec,
  type MachineInstanceType,
  machineInstanceType,
  parseAptMode,
} from './build-instance.js';
export { defaultProfile, type InlineProfile } from './default-profiles.js';
export { parseDevices } from './devices.js';
export { InstanceSpecError } from './errors.js';
export {
  DEFAULT_SIMPLESTREAMS_SERVER,
  type ImageInput,
  KIND_IMAGE_SERVER,
  type MachineImageSource,
  parseImageShorthand,
  pinOciDigest,
  resolveImageSource,
  STAGING_SIMPLESTREAMS_SERVER,
  substituteVersion,
} from './image-source.js';
export { INSTALL_KUBEADM_PATH, installKubeadmScript } from './install-kubeadm.js';
export { type KindCloudConfig, type KindWriteFile, parseKindCloudConfig } from './kind-cloud-config.js';
export * from './kind-files.js';
export type { FileReplacement, InstanceFile, InstancePlan } from './plan.js';
export { type MissingCapability, missingCapabilities, type RequirementInput } from './requirements.js';
