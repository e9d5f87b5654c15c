import type { LXCLoadBalancerMachineSpec } from '../api/v1alpha2/lxccluster-spec.js';
import type { InstanceSource, InstancesPost } from '../incus/api/instance.js';
import { DEFAULT_SIMPLESTREAMS_SERVER } from '../instance/image-source.js';
import { ClusterConfigKey, LOAD_BALANCER_ROLE } from './names.js';

/** Image of an `lxc` load balancer when `instanceSpec.image` is unset: `haproxy` on the default server. */
export const DEFAULT_LXC_LOAD_BALANCER_IMAGE: InstanceSource = {
  type: 'image',
  protocol: 'simplestreams',
  server: DEFAULT_SIMPLESTREAMS_SERVER,
  alias: 'haproxy',
};

/** Image of an `oci` load balancer when `instanceSpec.image` is unset (CAPN's mirror of kindest/haproxy). */
export const DEFAULT_OCI_LOAD_BALANCER_IMAGE: InstanceSource = {
  type: 'image',
  protocol: 'oci',
  server: 'https://ghcr.io',
  alias: 'lxc/cluster-api-provider-incus/haproxy:v20230606-42a2262b',
};

/** Where each instance type keeps the haproxy configuration. */
export const HAPROXY_CONFIG_PATH = { lxc: '/etc/haproxy/haproxy.cfg', oci: '/usr/local/etc/haproxy/haproxy.cfg' };

/** How each instance type reloads haproxy after a configuration change. */
export const HAPROXY_RELOAD_COMMAND = {
  // reload-or-restart also starts a haproxy that is down (e.g. it refused the image's own configuration).
  lxc: ['systemctl', 'reload-or-restart', 'haproxy.service'],
  // The OCI image runs the haproxy master as PID 1; SIGUSR2 makes it reload.
  oci: ['kill', '--signal', 'SIGUSR2', '1'],
};

/** The OCI entrypoint: Incus keeps the image's PID 1 only for /init, hence the /init → haproxy symlink. */
export const OCI_ENTRYPOINT = '/init -W -db -f /usr/local/etc/haproxy/haproxy.cfg';

/** What a load balancer instance is created from. */
export interface LoadBalancerInstanceInput {
  type: 'lxc' | 'oci';
  instanceName: string;
  clusterName: string;
  namespace: string;
  instanceSpec?: LXCLoadBalancerMachineSpec;
}

/**
 * The `POST /1.0/instances` body of an `lxc` or `oci` load balancer: a container from the default haproxy image
 * unless `instanceSpec.image` names one (by `name` or `fingerprint`; used as written, as CAPN does), with the
 * instance spec's flavor and profiles and the `user.cluster-*` keys (role `loadbalancer`).
 */
export function loadBalancerInstanceRequest(input: LoadBalancerInstanceInput): InstancesPost {
  const image = input.instanceSpec?.image;
  const source: InstanceSource =
    image?.name || image?.fingerprint
      ? {
          type: 'image',
          ...(image.name ? { alias: image.name } : {}),
          ...(image.fingerprint ? { fingerprint: image.fingerprint } : {}),
          ...(image.server ? { server: image.server } : {}),
          ...(image.protocol ? { protocol: image.protocol as InstanceSource['protocol'] } : {}),
        }
      : input.type === 'lxc'
        ? DEFAULT_LXC_LOAD_BALANCER_IMAGE
        : DEFAULT_OCI_LOAD_BALANCER_IMAGE;
  const config: Record<string, string> = {
    [ClusterConfigKey.clusterName]: input.clusterName,
    [ClusterConfigKey.clusterNamespace]: input.namespace,
    [ClusterConfigKey.clusterRole]: LOAD_BALANCER_ROLE,
  };
  if (input.type === 'oci') config['oci.entrypoint'] = OCI_ENTRYPOINT;
  return {
    name: input.instanceName,
    type: 'container',
    source: { ...source },
    config,
    ...(input.instanceSpec?.flavor ? { instance_type: input.instanceSpec.flavor } : {}),
    ...(input.instanceSpec?.profiles ? { profiles: [...input.instanceSpec.profiles] } : {}),
  };
}
