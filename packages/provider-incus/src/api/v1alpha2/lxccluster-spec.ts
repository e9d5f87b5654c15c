import { z } from 'zod';
import { lxcMachineImageSourceSchema } from './image-source.js';

/** Instance settings of an `lxc` or `oci` load balancer (`LXCLoadBalancerMachineSpec`). */
export const lxcLoadBalancerMachineSpecSchema = z
  .object({
    flavor: z.string().describe('Instance size, e.g. t3.micro or c2-m4.').optional(),
    profiles: z.array(z.string()).describe('Incus profiles to attach to the instance.').optional(),
    image: lxcMachineImageSourceSchema
      .describe(
        'Image of the load balancer; by default haproxy from the default server (lxc) or the haproxy OCI image.',
      )
      .optional(),
    target: z
      .string()
      .describe('Cluster member ("name") or cluster group ("@name") to place the instance on; ignored when standalone.')
      .optional(),
  })
  .describe('Settings of the load balancer instance.');

const instanceLoadBalancerSchema = (description: string) =>
  z.object({ instanceSpec: lxcLoadBalancerMachineSpecSchema.optional() }).describe(description);

/** `spec.loadBalancer.kubeVIP`. */
export const lxcLoadBalancerKubeVIPSchema = z
  .object({
    image: z.string().describe('kube-vip image; ghcr.io/kube-vip/kube-vip:v0.6.4 when unset.').optional(),
    interface: z
      .string()
      .describe('Interface that carries the VIP; kube-vip picks the default one when unset.')
      .optional(),
    kubeconfigPath: z
      .string()
      .describe(
        'Host path of the kubeconfig kube-vip uses; /etc/kubernetes/super-admin.conf on the first control-plane ' +
          'node and /etc/kubernetes/admin.conf on the others when unset.',
      )
      .optional(),
    manifestPath: z
      .string()
      .describe('Host path of the kube-vip static pod manifest; /etc/kubernetes/manifests/kube-vip.yaml when unset.')
      .optional(),
  })
  .describe('kube-vip on the control-plane instances; needs spec.controlPlaneEndpoint.host.');

/** `spec.loadBalancer`: exactly one of `lxc`, `oci`, `ovn`, `kubeVIP`, `external`. */
export const lxcClusterLoadBalancerSchema = z
  .object({
    lxc: instanceLoadBalancerSchema(
      'An haproxy system container whose backends follow the control-plane machines (development clusters).',
    ).optional(),
    oci: instanceLoadBalancerSchema(
      'An haproxy OCI application container whose backends follow the control-plane machines; needs instance_oci.',
    ).optional(),
    ovn: z
      .object({ networkName: z.string().describe('OVN network to create the load balancer on.').optional() })
      .describe(
        'An OVN network load balancer at spec.controlPlaneEndpoint.host; needs the network_load_balancer and ' +
          'network_load_balancer_health_check server extensions.',
      )
      .optional(),
    kubeVIP: lxcLoadBalancerKubeVIPSchema.optional(),
    external: z
      .object({})
      .describe('Nothing is provisioned; spec.controlPlaneEndpoint.host points at a load balancer run elsewhere.')
      .optional(),
  })
  .meta({ minProperties: 1, maxProperties: 1 })
  .describe('How the control plane endpoint is provided: exactly one load balancer type.');

/** `spec` of an LXCCluster (and of the LXCClusters an LXCClusterTemplate stamps out). */
export const lxcClusterSpecSchema = z
  .object({
    controlPlaneEndpoint: z
      .object({
        host: z.string().max(512).describe('Host name or address of the API server endpoint.'),
        port: z.int32().describe('Port of the API server endpoint.'),
      })
      .describe('The control plane endpoint; filled from the load balancer address (port 6443) when unset.')
      .optional(),
    secretRef: z
      .object({ name: z.string().describe('Name of a Secret in the namespace of the LXCCluster.') })
      .describe('The identity secret: server URL and credentials of the Incus or Canonical LXD server.')
      .optional(),
    loadBalancer: lxcClusterLoadBalancerSchema,
    unprivileged: z.boolean().describe('Launch unprivileged containers for the machines of the cluster.').optional(),
    skipDefaultKubeadmProfile: z
      .boolean()
      .describe('Do not apply the default kubeadm profile to container instances; the user provides profiles.')
      .optional(),
  })
  .describe('The desired state of an LXCCluster.');

/** `spec` of an LXCCluster. */
export type LXCClusterSpec = z.output<typeof lxcClusterSpecSchema>;
/** `spec.loadBalancer` of an LXCCluster. */
export type LXCClusterLoadBalancer = z.output<typeof lxcClusterLoadBalancerSchema>;
/** `instanceSpec` of an `lxc` or `oci` load balancer. */
export type LXCLoadBalancerMachineSpec = z.output<typeof lxcLoadBalancerMachineSpecSchema>;
/** `spec.loadBalancer.kubeVIP` of an LXCCluster. */
export type LXCLoadBalancerKubeVIP = z.output<typeof lxcLoadBalancerKubeVIPSchema>;
