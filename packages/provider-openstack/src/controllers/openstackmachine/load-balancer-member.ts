import { octavia } from '../../openstack/index.js';
import type { OpenStackSession } from '../../openstack/session.js';
import { loadBalancerMemberName, loadBalancerName, loadBalancerPortResourceName } from '../shared/resource-names.js';
import type { MachineContext } from './context.js';
import { INGRESS_READY, type IngressProgress, ingressPending, loadBalancerPorts } from './ingress.js';

/** A pool member is being changed while its `provisioning_status` is one of these. */
const isPending = (status: string | undefined) => status?.startsWith('PENDING_') ?? false;

/** The subnet of members when the load balancer is on another network than the cluster (CAPO: first subnet). */
function memberSubnetId(context: MachineContext): string | undefined {
  const status = context.openStackCluster.status;
  const lbNetworkId = status?.apiServerLoadBalancer?.loadBalancerNetwork?.id;
  if (lbNetworkId === undefined || lbNetworkId === status?.network?.id) return undefined;
  return status?.network?.subnets?.[0]?.id;
}

/**
 * The machine in every pool of the API server load balancer (CAPO's `ReconcileLoadBalancerMember`), one change per
 * reconcile since each makes Octavia busy: per port, the pool `<lb>-<port>` must exist; the member
 * `<lb>-<port>-<OpenStackMachine>` with `address` is kept, one with another address is deleted, a missing one is
 * created (with the cluster's tags, and the first cluster subnet when the load balancer is on another network).
 * Returns `pending` while Octavia works on the load balancer or a member.
 */
export async function reconcileLoadBalancerMember(
  context: MachineContext,
  session: OpenStackSession,
  address: string,
): Promise<IngressProgress> {
  const { ref, openStackCluster, object } = context;
  const lbId = openStackCluster.status?.apiServerLoadBalancer?.id;
  if (!lbId) throw new Error(`load balancer ${loadBalancerName(ref)} is not in the OpenStackCluster status yet`);
  const lb = await octavia.getLoadBalancer(session, lbId);
  const tags = openStackCluster.spec.tags ?? [];
  const subnetId = memberSubnetId(context);
  for (const port of loadBalancerPorts(openStackCluster)) {
    const [pool] = await octavia.listPools(session, { name: loadBalancerPortResourceName(ref, port) });
    if (!pool) throw new Error(`load balancer pool ${loadBalancerPortResourceName(ref, port)} does not exist yet`);
    const name = loadBalancerMemberName(ref, port, object.metadata.name as string);
    const [member] = await octavia.listMembers(session, pool.id, { name });
    if (member?.address === address) {
      if (isPending(member.provisioning_status))
        return ingressPending(`member ${name} is ${member.provisioning_status}`);
      continue;
    }
    if (lb.provisioning_status !== 'ACTIVE') {
      return ingressPending(`load balancer ${lb.id} is ${lb.provisioning_status}`);
    }
    if (member) {
      context.logger.info({ member: name, address: member.address }, 'Deleting a member with an outdated address');
      await octavia.deleteMember(session, pool.id, member.id);
      return ingressPending(`replacing member ${name}`);
    }
    await octavia.createMember(session, pool.id, {
      name,
      protocol_port: port,
      address,
      ...(subnetId ? { subnet_id: subnetId } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    context.logger.info({ member: name, address }, 'Added the machine to the load balancer pool');
    return ingressPending(`adding member ${name}`);
  }
  return INGRESS_READY;
}

/**
 * Removes the machine's members from the API server load balancer (CAPO's `DeleteLoadBalancerMember`), one per
 * reconcile while Octavia is busy; ready once none is left or the load balancer is gone.
 */
export async function deleteLoadBalancerMembers(
  context: MachineContext,
  session: OpenStackSession,
): Promise<IngressProgress> {
  const { ref, openStackCluster, object } = context;
  const [lb] = await octavia.listLoadBalancers(session, { name: loadBalancerName(ref) });
  if (!lb) return INGRESS_READY;
  for (const port of loadBalancerPorts(openStackCluster)) {
    const [pool] = await octavia.listPools(session, { name: loadBalancerPortResourceName(ref, port) });
    if (!pool) continue;
    const name = loadBalancerMemberName(ref, port, object.metadata.name as string);
    const [member] = await octavia.listMembers(session, pool.id, { name });
    if (!member) continue;
    if (isPending(member.provisioning_status) || lb.provisioning_status !== 'ACTIVE') {
      return ingressPending(`load balancer ${lb.id} is ${lb.provisioning_status}`);
    }
    await octavia.deleteMember(session, pool.id, member.id);
    context.logger.info({ member: name }, 'Removed the machine from the load balancer pool');
    return ingressPending(`removing member ${name}`);
  }
  return INGRESS_READY;
}
