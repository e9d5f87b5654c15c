import type { BootstrapConfigOwner, Cluster } from '@capi-ts/sdk';
import type { MicroK8sConfig } from '../../api/v1beta1/index.js';
import {
  CloudInitInputError,
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  renderCloudConfig,
  workerCloudConfig,
} from '../../cloudinit/index.js';
import type { ClusterCertificateAuthority } from './cluster-secrets.js';

/** The cluster-wide inputs of a node's bootstrap data. */
export interface ClusterBootstrapInputs {
  joinToken: string;
  authToken: string;
}

function endpointOf(cluster: Readonly<Cluster>): string {
  const host = cluster.spec.controlPlaneEndpoint?.host;
  if (!host) throw new CloudInitInputError('the Cluster has no spec.controlPlaneEndpoint.host yet');
  return host;
}

/** The user data of the first control-plane node. */
export function initControlPlaneData(
  config: Readonly<MicroK8sConfig>,
  owner: BootstrapConfigOwner,
  cluster: Readonly<Cluster>,
  inputs: ClusterBootstrapInputs,
  ca: ClusterCertificateAuthority,
): string {
  return renderCloudConfig(
    initControlPlaneCloudConfig({
      spec: config.spec,
      kubernetesVersion: owner.version,
      controlPlaneEndpoint: endpointOf(cluster),
      joinToken: inputs.joinToken,
      authToken: inputs.authToken,
      ca,
    }),
  );
}

/** The user data of a joining node: control plane or worker, by its owner. */
export function joinData(
  config: Readonly<MicroK8sConfig>,
  owner: BootstrapConfigOwner,
  cluster: Readonly<Cluster>,
  inputs: ClusterBootstrapInputs,
  joinNodeIps: string[],
): string {
  const common = {
    spec: config.spec,
    kubernetesVersion: owner.version,
    controlPlaneEndpoint: endpointOf(cluster),
    joinToken: inputs.joinToken,
    joinNodeIps,
  };
  return renderCloudConfig(
    owner.isControlPlane
      ? joinControlPlaneCloudConfig({ ...common, authToken: inputs.authToken })
      : workerCloudConfig(common),
  );
}
