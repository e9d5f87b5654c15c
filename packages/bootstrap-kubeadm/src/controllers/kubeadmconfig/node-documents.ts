import type { KubeadmConfigSpec } from '../../api/v1beta2/index.js';
import type { BootstrapInput, BootstrapRole, ResolvedFile, ResolvedUser } from '../../cloudinit/index.js';
import {
  clusterConfigurationDocument,
  initConfigurationDocument,
  joinConfigurationDocument,
  kubeadmApiVersionFor,
  marshalGoYaml,
  UnsupportedKubernetesVersionError,
} from '../../kubeadm/index.js';
import { type ClusterFacts, clusterConfigurationData } from './cluster-data.js';
import { type DiscoveryDefaults, joinConfigurationFor } from './join-defaults.js';

/** The node-level inputs every role shares: files and users already resolved. */
export interface NodeInputs {
  spec: KubeadmConfigSpec;
  /** Certificate files (control plane only), then the user's files, then generated ones. */
  writeFiles: ResolvedFile[];
  users: ResolvedUser[] | undefined;
  /** The owner's Kubernetes version; it selects the kubeadm API version. */
  kubernetesVersion: string | undefined;
}

function requireVersion(version: string | undefined): string {
  if (!version) {
    throw new UnsupportedKubernetesVersionError('', 'the owner Machine or MachinePool has no spec.version');
  }
  return version;
}

function common(inputs: NodeInputs): BootstrapInput {
  const { spec } = inputs;
  return {
    writeFiles: inputs.writeFiles,
    users: inputs.users,
    bootCommands: spec.bootCommands,
    preKubeadmCommands: spec.preKubeadmCommands,
    postKubeadmCommands: spec.postKubeadmCommands,
    ntp: spec.ntp,
    diskSetup: spec.diskSetup,
    mounts: spec.mounts,
    verbosity: spec.verbosity,
  };
}

/**
 * The first control-plane node's input: ClusterConfiguration (with what CABPK injects from the Cluster and the
 * Machine) and InitConfiguration, in the kubeadm API version of the Kubernetes version.
 */
export function initControlPlaneRole(inputs: NodeInputs, cluster: ClusterFacts): BootstrapRole {
  const version = requireVersion(inputs.kubernetesVersion);
  const apiVersion = kubeadmApiVersionFor(version);
  const { spec } = inputs;
  const data = clusterConfigurationData(
    cluster,
    version,
    spec.initConfiguration?.timeouts?.controlPlaneComponentHealthCheckSeconds,
  );
  return {
    role: 'init-control-plane',
    ...common(inputs),
    clusterConfiguration: marshalGoYaml(clusterConfigurationDocument(spec.clusterConfiguration, data, apiVersion)),
    initConfiguration: marshalGoYaml(initConfigurationDocument(spec.initConfiguration, apiVersion)),
  };
}

/** A joining node's input: its JoinConfiguration with discovery defaults, the control-plane marker or worker taint. */
export function joinRole(inputs: NodeInputs, controlPlane: boolean, discovery: DiscoveryDefaults): BootstrapRole {
  const apiVersion = kubeadmApiVersionFor(requireVersion(inputs.kubernetesVersion));
  const join = joinConfigurationFor(inputs.spec.joinConfiguration, controlPlane, discovery);
  return {
    role: controlPlane ? 'join-control-plane' : 'worker',
    ...common(inputs),
    joinConfiguration: marshalGoYaml(joinConfigurationDocument(join, apiVersion)),
  };
}
