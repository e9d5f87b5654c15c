import { isNotFound } from '../../openstack/errors.js';
import * as neutron from '../../openstack/neutron/index.js';
import { recordCall } from '../shared/events.js';
import {
  type ManagedSecurityGroupRole,
  SECURITY_GROUP_DESCRIPTION,
  securityGroupName,
} from '../shared/resource-names.js';
import {
  desiredSecurityGroupRules,
  REMOTE_GROUP_SELF,
  ruleMatches,
  type SecurityGroupRule,
} from '../shared/security-group-rules.js';
import { bastionEnabled, type ClusterContext, statusOf } from './context.js';
import { ClusterSpecError, replaceAllTags } from './network.js';

/** A Neutron rule in the controller's zero-valued shape. */
function observedRule(rule: neutron.SecurityGroupRule): SecurityGroupRule {
  return {
    description: rule.description ?? '',
    direction: rule.direction,
    etherType: rule.ethertype,
    portRangeMin: rule.port_range_min ?? 0,
    portRangeMax: rule.port_range_max ?? 0,
    protocol: rule.protocol ?? '',
    remoteGroupID: rule.remote_group_id ?? '',
    remoteIPPrefix: rule.remote_ip_prefix ?? '',
  };
}

async function findGroup(context: ClusterContext, name: string): Promise<neutron.SecurityGroup | undefined> {
  const found = await neutron.listSecurityGroups(context.session, { name });
  if (found.length > 1) throw new ClusterSpecError(`found ${found.length} security groups named ${name}`);
  return found[0];
}

async function getOrCreateGroup(context: ClusterContext, name: string): Promise<neutron.SecurityGroup> {
  const existing = await findGroup(context, name);
  if (existing) return existing;
  const created = await recordCall(
    context.events,
    {
      action: 'CreateSecurityGroup',
      attempt: `create security group ${name}`,
      done: (group) => `Created security group ${name} with id ${group.id}`,
    },
    () => neutron.createSecurityGroup(context.session, { name, description: SECURITY_GROUP_DESCRIPTION }),
  );
  const tags = context.object.spec.tags ?? [];
  if (tags.length > 0) await replaceAllTags(context, 'security-groups', created.id, tags);
  return created;
}

/** Makes the group's rules exactly the desired ones: missing rules created, others deleted (CAPO's diff). */
async function reconcileRules(
  context: ClusterContext,
  group: neutron.SecurityGroup,
  desired: readonly SecurityGroupRule[],
): Promise<void> {
  const observed = group.security_group_rules.map((rule) => ({ rule, shape: observedRule(rule) }));
  for (const { rule, shape } of observed) {
    if (!desired.some((d) => ruleMatches(d, shape, group.id))) {
      await neutron.deleteSecurityGroupRule(context.session, rule.id);
    }
  }
  for (const rule of desired) {
    if (observed.some(({ shape }) => ruleMatches(rule, shape, group.id))) continue;
    await neutron.createSecurityGroupRule(context.session, {
      security_group_id: group.id,
      direction: rule.direction as 'ingress' | 'egress',
      ethertype: rule.etherType as 'IPv4' | 'IPv6',
      description: rule.description || undefined,
      protocol: rule.protocol || undefined,
      port_range_min: rule.portRangeMin || undefined,
      port_range_max: rule.portRangeMax || undefined,
      remote_ip_prefix: rule.remoteIPPrefix || undefined,
      remote_group_id: (rule.remoteGroupID === REMOTE_GROUP_SELF ? group.id : rule.remoteGroupID) || undefined,
    });
  }
}

/**
 * The managed security groups (when `spec.managedSecurityGroups` is set): control plane, worker and, with a
 * bastion, bastion groups found by name or created, with exactly the rules of CAPO's table; the bastion group is
 * deleted (best effort) while the bastion is disabled. Records them in status.
 */
export async function reconcileSecurityGroups(context: ClusterContext): Promise<void> {
  const { object, ref } = context;
  if (!object.spec.managedSecurityGroups) return;
  const status = statusOf(context);
  const withBastion = bastionEnabled(object);
  const roles: ManagedSecurityGroupRole[] = withBastion
    ? ['controlplane', 'worker', 'bastion']
    : ['controlplane', 'worker'];
  const groups = new Map<ManagedSecurityGroupRole, neutron.SecurityGroup>();
  for (const role of roles) groups.set(role, await getOrCreateGroup(context, securityGroupName(ref, role)));
  const controlplane = groups.get('controlplane') as neutron.SecurityGroup;
  const worker = groups.get('worker') as neutron.SecurityGroup;
  const bastion = groups.get('bastion');
  const desired = desiredSecurityGroupRules(object, {
    controlplane: controlplane.id,
    worker: worker.id,
    ...(bastion ? { bastion: bastion.id } : {}),
  });
  for (const [role, group] of groups) await reconcileRules(context, group, desired[role] ?? []);
  status.controlPlaneSecurityGroup = { id: controlplane.id, name: controlplane.name };
  status.workerSecurityGroup = { id: worker.id, name: worker.name };
  if (bastion) {
    status.bastionSecurityGroup = { id: bastion.id, name: bastion.name };
  } else {
    await deleteSecurityGroup(context, 'bastion').catch((error: unknown) => {
      context.logger.info({ err: error }, 'The bastion security group could not be deleted yet');
    });
    delete status.bastionSecurityGroup;
  }
}

/** Deletes one managed group by name; missing is fine, 409 (in use) is thrown. */
export async function deleteSecurityGroup(context: ClusterContext, role: ManagedSecurityGroupRole): Promise<void> {
  const group = await findGroup(context, securityGroupName(context.ref, role));
  if (!group) return;
  await recordCall(
    context.events,
    {
      action: 'DeleteSecurityGroup',
      attempt: `delete security group ${group.name}`,
      done: () => `Deleted security group ${group.name} with id ${group.id}`,
      expected: isNotFound,
    },
    () => neutron.deleteSecurityGroup(context.session, group.id),
  ).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
}
