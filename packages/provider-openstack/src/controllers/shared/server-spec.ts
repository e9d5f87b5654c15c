import { TerminalError } from '@capi-ts/sdk';
import type { OpenStackServerSpec } from '../../api/v1alpha1/openstack-server.js';
import type { IdentityRef } from '../../api/v1beta1/identity.js';
import type { OpenStackMachineSpec } from '../../api/v1beta1/machine-spec.js';
import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import type { PortOpts } from '../../api/v1beta1/ports.js';
import { ConditionReason } from './conditions.js';

/** A machine spec that cannot become a server: the condition reason CAPO reports, and a terminal error. */
export class InvalidMachineSpecError extends TerminalError {
  readonly reason = ConditionReason.invalidMachineSpec;
}

/** What the OpenStackServer of a machine (or of the bastion) is made from. */
export interface ServerSpecSource {
  readonly machineSpec: OpenStackMachineSpec;
  /** The machine's own identity, else the cluster's. */
  readonly identityRef: IdentityRef;
  /** {@link instanceTags} of the machine and the cluster. */
  readonly tags: readonly string[];
  /** The Machine's failure domain (the bastion's `availabilityZone`). */
  readonly availabilityZone?: string;
  /** The Machine's bootstrap data Secret; none for the bastion. */
  readonly userDataSecretName?: string;
  /** The managed security group of the machine's role, put on ports that name none. */
  readonly defaultSecurityGroupId?: string;
  readonly cluster: Pick<OpenStackCluster, 'spec' | 'status'>;
}

/**
 * The OpenStackServer spec of a machine (CAPO's `openStackMachineSpecToOpenStackServerSpec`): the server fields of
 * the machine spec as they are, plus identity, tags, availability zone and user data. Ports: the machine's, or one
 * port; a port without a network goes on the cluster network, with a fixed IP on each of the cluster's `subnets` when
 * it lists no fixed IPs of its own; a port with port security on and no security groups gets the default group; the
 * machine's `securityGroups` are added to every port. Throws an {@link InvalidMachineSpecError} when the cluster has
 * no network and the machine lists no ports.
 */
export function openStackServerSpecFor(source: ServerSpecSource): OpenStackServerSpec {
  const { machineSpec: spec, cluster } = source;
  const clusterNetworkId = cluster.status?.network?.id ?? '';
  if (clusterNetworkId === '' && (spec.ports?.length ?? 0) === 0) {
    throw new InvalidMachineSpecError(
      'no network configured: cluster network is missing and machine spec does not define ports with a network',
    );
  }
  const clusterFixedIPs = (cluster.spec.subnets ?? []).map((subnet) => ({ subnet: structuredClone(subnet) }));
  const ports = (spec.ports?.length ? structuredClone(spec.ports) : [{}]).map((port: PortOpts): PortOpts => {
    const placed =
      port.network === undefined && clusterNetworkId !== ''
        ? {
            ...port,
            network: { id: clusterNetworkId },
            ...(port.fixedIPs?.length
              ? {}
              : clusterFixedIPs.length
                ? { fixedIPs: structuredClone(clusterFixedIPs) }
                : {}),
          }
        : port;
    const ownGroups = placed.securityGroups ?? [];
    const defaultGroups =
      placed.disablePortSecurity !== true && ownGroups.length === 0 && source.defaultSecurityGroupId !== undefined
        ? [{ id: source.defaultSecurityGroupId }]
        : ownGroups;
    const groups = [...defaultGroups, ...structuredClone(spec.securityGroups ?? [])];
    return groups.length > 0 ? { ...placed, securityGroups: groups } : placed;
  });

  const copied = {
    additionalBlockDevices: spec.additionalBlockDevices,
    configDrive: spec.configDrive,
    flavor: spec.flavor,
    flavorID: spec.flavorID,
    image: spec.image,
    rootVolume: spec.rootVolume,
    serverMetadata: spec.serverMetadata,
    sshKeyName: spec.sshKeyName,
    serverGroup: spec.serverGroup,
    schedulerHintAdditionalProperties: spec.schedulerHintAdditionalProperties,
    floatingIPPoolRef: spec.floatingIPPoolRef,
  };
  return {
    ...(structuredClone(
      Object.fromEntries(Object.entries(copied).filter(([, v]) => v !== undefined)),
    ) as Partial<OpenStackServerSpec>),
    image: structuredClone(spec.image),
    sshKeyName: spec.sshKeyName ?? '',
    identityRef: structuredClone(source.identityRef),
    ports,
    ...(source.tags.length > 0 ? { tags: [...source.tags] } : {}),
    ...(source.availabilityZone ? { availabilityZone: source.availabilityZone } : {}),
    ...(source.userDataSecretName !== undefined ? { userDataRef: { name: source.userDataSecretName } } : {}),
    ...(spec.trunk === true ? { trunk: true } : {}),
  };
}
