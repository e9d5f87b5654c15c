import type { Devices } from '../incus/api/instance.js';
import type { ServerKind } from '../incus/api/server.js';
import { defaultProfile } from './default-profiles.js';
import { parseDevices } from './devices.js';
import { InstanceSpecError } from './errors.js';
import { type MachineImageSource, resolveImageSource } from './image-source.js';
import { INSTALL_KUBEADM_PATH, installKubeadmScript } from './install-kubeadm.js';
import { parseKindCloudConfig } from './kind-cloud-config.js';
import {
  KIND_CLOUD_INIT_JSON_PATH,
  KIND_CLOUD_INIT_SCRIPT_PATH,
  KIND_DEFAULT_CNI_PATH,
  KIND_ENTRYPOINT_PATH,
  KIND_LAUNCH_SERVICE_PATH,
  KIND_LAUNCH_SERVICE_WANTS_PATH,
  kindCloudInitScript,
  kindLaunchService,
  kindNoCloudMetaData,
  kindNoCloudUserData,
} from './kind-files.js';
import type { InstancePlan } from './plan.js';

/** Instance config key that switches kind instances to installing cloud-init from the archive. */
export const KIND_APT_INSTALL_CLOUD_INIT_KEY = 'user.capn.x-kind-apt-install-cloud-init';

/** The machine spec fields that shape the instance (`LXCMachine.spec`). */
export interface MachineInstanceSpec {
  instanceType?: string;
  flavor?: string;
  profiles?: string[];
  devices?: string[];
  config?: Record<string, string>;
  image?: MachineImageSource;
  target?: string;
}

/** Everything that decides one machine's instance. */
export interface InstanceInput {
  /** Instance name: the LXCMachine's name. */
  name: string;
  spec: MachineInstanceSpec;
  /** Cluster API names written to `user.*` keys. */
  clusterName: string;
  clusterNamespace: string;
  machineName: string;
  controlPlane: boolean;
  /** `Machine.spec.version`. */
  version?: string;
  /** `Machine.spec.failureDomain`: the placement target when `spec.target` is empty. */
  failureDomain?: string;
  /** `LXCCluster.spec.unprivileged`. */
  unprivileged: boolean;
  /** `LXCCluster.spec.skipDefaultKubeadmProfile`. */
  skipDefaultKubeadmProfile: boolean;
  /** `Cluster.spec.clusterNetwork.pods.cidrBlocks[0]`, substituted into kind's default CNI manifest. */
  podCidr?: string;
  serverKind: ServerKind;
  /** Whether the server is clustered (placement targets are ignored otherwise, as upstream). */
  serverClustered: boolean;
  /** The bootstrap data (cloud-config). */
  bootstrapData: string;
  /** Extra files for control-plane machines from the load balancer (kube-vip's static pod), path → content. */
  controlPlaneFiles?: Record<string, string>;
}

/** The instance types of `LXCMachine.spec.instanceType` (`""` means `container`). */
export type MachineInstanceType = 'container' | 'virtual-machine' | 'kind';

/** Validates `spec.instanceType`. */
export function machineInstanceType(value: string | undefined): MachineInstanceType {
  if (value === undefined || value === '') return 'container';
  if (value === 'container' || value === 'virtual-machine' || value === 'kind') return value;
  throw new InstanceSpecError(
    `unknown instanceType ${JSON.stringify(value)}: must be container, virtual-machine or kind`,
  );
}

/**
 * Builds the instance of one machine as CAPN does. Precedence, later wins: the default kubeadm or kind profile
 * (inlined, unless skipped; none for VMs) < `spec.config` / `spec.devices` (whole devices replaced) < the
 * `cloud-init.user-data` and `user.cluster-*` / `user.machine-name` keys. Throws {@link InstanceSpecError}
 * for specs that cannot work.
 */
export function buildInstance(input: InstanceInput): InstancePlan {
  const instanceType = machineInstanceType(input.spec.instanceType);
  const source = resolveImageSource({
    image: input.spec.image,
    version: input.version,
    instanceType,
    serverKind: input.serverKind,
  });
  const specDevices = parseDevices(input.spec.devices);
  const profile = input.skipDefaultKubeadmProfile
    ? undefined
    : defaultProfile(instanceType, input.unprivileged, input.serverKind);
  const devices: Devices = { ...profile?.devices, ...specDevices };
  const config: Record<string, string> = {
    ...profile?.config,
    ...input.spec.config,
    'cloud-init.user-data': input.bootstrapData,
    'user.cluster-name': input.clusterName,
    'user.cluster-namespace': input.clusterNamespace,
    'user.machine-name': input.machineName,
    'user.cluster-role': input.controlPlane ? 'control-plane' : 'worker',
  };
  const plan: InstancePlan = {
    request: {
      name: input.name,
      type: instanceType === 'virtual-machine' ? 'virtual-machine' : 'container',
      source,
      config,
      devices,
    },
    templates: {},
    files: [],
    replacements: [],
  };
  if (input.spec.flavor) plan.request.instance_type = input.spec.flavor;
  if (input.spec.profiles) plan.request.profiles = [...input.spec.profiles];
  const target = input.spec.target || input.failureDomain;
  if (target && input.serverClustered) plan.target = target;
  if (instanceType === 'kind') addKindFiles(plan, input);
  else plan.templates[INSTALL_KUBEADM_PATH] = installKubeadmScript;
  if (input.controlPlane) Object.assign(plan.templates, input.controlPlaneFiles);
  return plan;
}

/** The kind node modifications: entrypoint as `/init`, resolv.conf patch, cloud-init launcher and its inputs. */
function addKindFiles(plan: InstancePlan, input: InstanceInput): void {
  const aptMode = parseAptMode(input.spec.config?.[KIND_APT_INSTALL_CLOUD_INIT_KEY]);
  plan.replacements.push({
    path: KIND_ENTRYPOINT_PATH,
    search: '>/etc/resolv.conf',
    replace: '>/etc/local-resolv.conf',
  });
  plan.files.push({ path: '/init', type: 'symlink', content: KIND_ENTRYPOINT_PATH });
  if (input.bootstrapData !== '') {
    Object.assign(plan.templates, {
      '/var/lib/cloud/seed/nocloud-net/meta-data': kindNoCloudMetaData,
      '/var/lib/cloud/seed/nocloud-net/user-data': kindNoCloudUserData,
      [KIND_LAUNCH_SERVICE_PATH]: kindLaunchService,
      [KIND_CLOUD_INIT_SCRIPT_PATH]: kindCloudInitScript,
    });
    plan.files.push({ path: KIND_LAUNCH_SERVICE_WANTS_PATH, type: 'symlink', content: KIND_LAUNCH_SERVICE_PATH });
    if (!aptMode) {
      plan.templates[KIND_CLOUD_INIT_JSON_PATH] = JSON.stringify(parseKindCloudConfig(input.bootstrapData));
    }
  }
  if (input.podCidr)
    plan.replacements.push({ path: KIND_DEFAULT_CNI_PATH, search: '{{ .PodSubnet }}', replace: input.podCidr });
}

/** Parses `user.capn.x-kind-apt-install-cloud-init` like Go's `strconv.ParseBool` (absent means false). */
export function parseAptMode(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new InstanceSpecError(`${KIND_APT_INSTALL_CLOUD_INIT_KEY}: ${JSON.stringify(value)} is not a boolean`);
}
