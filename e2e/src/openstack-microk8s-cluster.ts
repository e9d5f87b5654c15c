import type { KubeObject } from '@capi-ts/sdk';
import { demoCloudsYaml, type OpenStackSimulator } from '../../packages/provider-openstack/test-support/index.js';

/** The cloud name of the identity Secret's clouds.yaml, which the OpenStackCluster's `identityRef.cloudName` picks. */
export const OPENSTACK_CLOUD_NAME = 'openstack';

/** The image every server boots, one the simulator's Glance holds. */
export const OPENSTACK_IMAGE_NAME = 'ubuntu-2404-kube-v1.35.0';

/** What {@link openStackMicroK8sCluster} builds. */
export interface OpenStackMicroK8sClusterOptions {
  readonly name: string;
  readonly namespace: string;
  /** The cloud the identity Secret points at: its auth URL, demo user, region, external network and CA. */
  readonly cloud: OpenStackSimulator;
  readonly workers: number;
  readonly kubernetesVersion?: string;
}

/**
 * The manifest a user would write for an OpenStack cluster whose control plane and workers are MicroK8s, in the
 * shapes of CAPO's default flavor and CABPM's OpenStack template (no release ships this combination, and CAPO's
 * flavors are kubeadm ones), in creation order:
 *
 * - the identity Secret `<name>-cloud-config`: a `clouds.yaml` for the cloud's demo user, and the CA that signed the
 *   cloud's certificate under `cacert`, as CAPO reads it (TLS verification stays on);
 * - the Cluster, its OpenStackCluster (a managed subnet, the API server behind an Octavia load balancer with a
 *   floating IP on the external network, and a bastion), the MicroK8sControlPlane with its OpenStackMachineTemplate,
 *   and the MachineDeployment with its OpenStackMachineTemplate and MicroK8sConfigTemplate. Every identityRef names
 *   the cloud's region, which CAPO puts into the Machines' providerIDs.
 */
export function openStackMicroK8sCluster(options: OpenStackMicroK8sClusterOptions): KubeObject[] {
  const { name, cloud } = options;
  const version = options.kubernetesVersion ?? 'v1.33.0';
  const identitySecret = `${name}-cloud-config`;
  // The region in identityRef goes into the Machines' providerIDs, `openstack://<region>/<server id>`, as in CAPO.
  const identityRef = { cloudName: OPENSTACK_CLOUD_NAME, name: identitySecret, region: cloud.regionName };
  const infrastructureRef = (kind: string, refName: string) => ({
    apiGroup: 'infrastructure.cluster.x-k8s.io',
    kind,
    name: refName,
  });
  const machineTemplate = (templateName: string, flavor: string) => ({
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'OpenStackMachineTemplate',
    metadata: { name: templateName },
    spec: { template: { spec: { identityRef, flavor, image: { filter: { name: OPENSTACK_IMAGE_NAME } } } } },
  });
  const objects: Array<Record<string, unknown>> = [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: identitySecret, labels: { 'clusterctl.cluster.x-k8s.io/move': 'true' } },
      stringData: {
        'clouds.yaml': demoCloudsYaml(cloud, OPENSTACK_CLOUD_NAME),
        ...(cloud.caCert === undefined ? {} : { cacert: cloud.caCert }),
      },
    },
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name },
      spec: {
        clusterNetwork: {
          pods: { cidrBlocks: ['10.1.0.0/16'] },
          services: { cidrBlocks: ['10.152.183.0/24'] },
          serviceDomain: 'cluster.local',
        },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'MicroK8sControlPlane',
          name: `${name}-control-plane`,
        },
        infrastructureRef: infrastructureRef('OpenStackCluster', name),
      },
    },
    {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
      kind: 'OpenStackCluster',
      metadata: { name },
      spec: {
        identityRef,
        externalNetwork: { id: cloud.seed.externalNetworkId },
        managedSubnets: [{ cidr: '10.6.0.0/24' }],
        apiServerLoadBalancer: { enabled: true },
        managedSecurityGroups: { allowAllInClusterTraffic: true },
        bastion: {
          enabled: true,
          spec: { flavor: 'm1.small', image: { filter: { name: OPENSTACK_IMAGE_NAME } } },
        },
      },
    },
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
      kind: 'MicroK8sControlPlane',
      metadata: { name: `${name}-control-plane` },
      spec: {
        replicas: 1,
        version,
        machineTemplate: {
          infrastructureTemplate: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'OpenStackMachineTemplate',
            name: `${name}-control-plane`,
          },
        },
        controlPlaneConfig: {
          clusterConfiguration: { portCompatibilityRemap: true },
          initConfiguration: { joinTokenTTLInSecs: 9000, addons: ['dns'] },
        },
      },
    },
    machineTemplate(`${name}-control-plane`, 'm1.medium'),
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: `${name}-md-0` },
      spec: {
        clusterName: name,
        replicas: options.workers,
        selector: { matchLabels: {} },
        template: {
          spec: {
            clusterName: name,
            version,
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'MicroK8sConfigTemplate',
                name: `${name}-md-0`,
              },
            },
            infrastructureRef: infrastructureRef('OpenStackMachineTemplate', `${name}-md-0`),
          },
        },
      },
    },
    machineTemplate(`${name}-md-0`, 'm1.small'),
    {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1',
      kind: 'MicroK8sConfigTemplate',
      metadata: { name: `${name}-md-0` },
      spec: { template: { spec: { initConfiguration: { joinTokenTTLInSecs: 9000 } } } },
    },
  ];
  return objects.map(
    (o) => ({ ...o, metadata: { ...(o.metadata as object), namespace: options.namespace } }) as KubeObject,
  );
}
