import { ApiError } from '../errors.js';
import { isAdmin } from '../identity-state.js';
import { filteredList } from '../listing.js';
import { created, noContent, ok, type Reply, type RequestContext, type Route, route } from '../router.js';
import type { SimulatorRuntime } from '../runtime.js';
import { isoSeconds } from '../timestamps.js';
import {
  actingProject,
  booleanAttribute,
  findVisible,
  rejectUnknownAttributes,
  resourceBody,
  standardAttributes,
  stringAttribute,
  stringListAttribute,
  touch,
  visible,
} from './common.js';
import { formatCidr, parseIpv4Cidr } from './ipam.js';
import { checkNeutronQuota, neutronUsage } from './networks.js';
import type { NetworkState, SecurityGroupRecord, SecurityGroupRuleRecord } from './records.js';

const groupCreateAttributes = ['name', 'description', 'stateful', 'project_id', 'tenant_id', 'tags'];
const groupUpdateAttributes = ['name', 'description', 'stateful'];
const ruleCreateAttributes = [
  'security_group_id',
  'direction',
  'ethertype',
  'protocol',
  'port_range_min',
  'port_range_max',
  'remote_ip_prefix',
  'remote_group_id',
  'remote_address_group_id',
  'description',
  'project_id',
  'tenant_id',
];
const protocolNumbers: Readonly<Record<string, string>> = { icmp: '1', tcp: '6', udp: '17', icmpv6: '58', sctp: '132' };
const portProtocols = new Set(['6', '17', '132', '33', '136']);

/** A visible security group or Neutron's `SecurityGroupNotFound`. */
export function findSecurityGroup(state: NetworkState, id: string, context: RequestContext): SecurityGroupRecord {
  return findVisible(state.securityGroups, id, context.token, {
    type: 'SecurityGroupNotFound',
    message: `Security group ${id} does not exist`,
  });
}

interface RuleSpec {
  readonly direction: string;
  readonly ethertype: string;
  readonly protocol?: string | null;
  readonly port_range_min?: number | null;
  readonly port_range_max?: number | null;
  readonly remote_ip_prefix?: string | null;
  readonly remote_group_id?: string | null;
  readonly description?: string;
}

function insertRule(runtime: SimulatorRuntime, group: SecurityGroupRecord, spec: RuleSpec): SecurityGroupRuleRecord {
  const now = isoSeconds(runtime.clock.now());
  const rule: SecurityGroupRuleRecord = {
    id: runtime.ids.uuid(),
    standard_attr_id: ++runtime.state.network.standardAttributeId,
    project_id: group.project_id,
    tenant_id: group.project_id,
    tags: [],
    description: spec.description ?? null,
    created_at: now,
    updated_at: now,
    revision_number: 0,
    security_group_id: group.id,
    direction: spec.direction,
    ethertype: spec.ethertype,
    protocol: spec.protocol ?? null,
    port_range_min: spec.port_range_min ?? null,
    port_range_max: spec.port_range_max ?? null,
    remote_ip_prefix: spec.remote_ip_prefix ?? null,
    remote_group_id: spec.remote_group_id ?? null,
    remote_address_group_id: null,
    normalized_cidr: spec.remote_ip_prefix ?? null,
  };
  runtime.state.network.securityGroupRules.set(rule.id, rule);
  return rule;
}

function insertGroup(
  runtime: SimulatorRuntime,
  projectId: string,
  body: Record<string, unknown>,
  isDefault: boolean,
): SecurityGroupRecord {
  const group: SecurityGroupRecord = {
    ...standardAttributes(runtime, projectId, body),
    name: stringAttribute(body, 'name', ''),
    stateful: booleanAttribute(body, 'stateful', true),
    shared: false,
  };
  group.tags = stringListAttribute(body, 'tags', []);
  group.revision_number = 1;
  runtime.state.network.securityGroups.set(group.id, group);
  for (const ethertype of ['IPv4', 'IPv6']) {
    insertRule(runtime, group, { direction: 'egress', ethertype });
    if (isDefault) insertRule(runtime, group, { direction: 'ingress', ethertype, remote_group_id: group.id });
  }
  return group;
}

/** The project's `default` security group, created on first use as Neutron does. */
export function ensureDefaultSecurityGroup(runtime: SimulatorRuntime, projectId: string): SecurityGroupRecord {
  const state = runtime.state.network;
  const existing = state.securityGroups.get(state.defaultSecurityGroups.get(projectId) ?? '');
  if (existing) return existing;
  const group = insertGroup(runtime, projectId, { name: 'default', description: 'Default security group' }, true);
  state.defaultSecurityGroups.set(projectId, group.id);
  for (const rule of state.securityGroupRules.values()) {
    if (rule.security_group_id === group.id) runtime.state.seeded.add(rule.id);
  }
  return group;
}

function ruleView(rule: SecurityGroupRuleRecord): Record<string, unknown> {
  return { ...rule };
}

function groupView(state: NetworkState, group: SecurityGroupRecord): Record<string, unknown> {
  const rules = [...state.securityGroupRules.values()].filter((rule) => rule.security_group_id === group.id);
  return { ...group, security_group_rules: rules.map(ruleView) };
}

function optionalPort(body: Record<string, unknown>, name: string): number | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ApiError(400, `Invalid value for port ${String(value)}.`, 'SecurityGroupInvalidPortValue');
  }
  return port;
}

function normalisedProtocol(protocol: string | null): string | null {
  if (protocol === null || protocol === '' || protocol === 'any') return null;
  return protocolNumbers[protocol] ?? protocol;
}

function validatedRule(state: NetworkState, body: Record<string, unknown>, context: RequestContext): RuleSpec {
  const direction = body.direction;
  if (direction !== 'ingress' && direction !== 'egress') {
    throw new ApiError(
      400,
      `Invalid input for direction. Reason: '${String(direction)}' is not in ['ingress', 'egress'].`,
    );
  }
  const ethertype = stringAttribute(body, 'ethertype', 'IPv4');
  if (ethertype !== 'IPv4' && ethertype !== 'IPv6') {
    throw new ApiError(400, `Invalid input for ethertype. Reason: '${ethertype}' is not in ['IPv4', 'IPv6'].`);
  }
  const protocolValue = body.protocol;
  const protocol = protocolValue === undefined || protocolValue === null ? null : String(protocolValue).toLowerCase();
  const portMin = optionalPort(body, 'port_range_min');
  const portMax = optionalPort(body, 'port_range_max');
  const protocolNumber = normalisedProtocol(protocol);
  if ((portMin !== null || portMax !== null) && protocolNumber === null) {
    throw new ApiError(
      400,
      'Must also specify protocol if port range is given.',
      'SecurityGroupProtocolRequiredWithPorts',
    );
  }
  if (
    protocolNumber !== null &&
    portProtocols.has(protocolNumber) &&
    portMin !== null &&
    portMax !== null &&
    portMin > portMax
  ) {
    throw new ApiError(
      400,
      'For TCP/UDP protocols, port_range_min must be <= port_range_max',
      'SecurityGroupInvalidPortRange',
    );
  }
  const remoteGroup = body.remote_group_id;
  const remotePrefix = body.remote_ip_prefix;
  if (remoteGroup && remotePrefix) {
    throw new ApiError(
      400,
      'Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.',
      'SecurityGroupMultipleRemoteEntites',
    );
  }
  if (typeof remoteGroup === 'string') findSecurityGroup(state, remoteGroup, context);
  let prefix: string | null = null;
  if (typeof remotePrefix === 'string') {
    const cidr = parseIpv4Cidr(remotePrefix.includes('/') ? remotePrefix : `${remotePrefix}/32`);
    if (!cidr) {
      throw new ApiError(
        400,
        `Invalid input for remote_ip_prefix. Reason: '${remotePrefix}' is not a valid IP subnet.`,
      );
    }
    if (ethertype !== 'IPv4') {
      throw new ApiError(
        400,
        `Conflicting value ethertype ${ethertype} for CIDR ${remotePrefix}`,
        'SecurityGroupConflictingEthertypeAndCidr',
      );
    }
    prefix = formatCidr(cidr);
  }
  return {
    direction,
    ethertype,
    protocol,
    port_range_min: portMin,
    port_range_max: portMax,
    remote_ip_prefix: prefix,
    remote_group_id: typeof remoteGroup === 'string' ? remoteGroup : null,
    description: stringAttribute(body, 'description', ''),
  };
}

function sameRule(rule: SecurityGroupRuleRecord, spec: RuleSpec): boolean {
  return (
    rule.direction === spec.direction &&
    rule.ethertype === spec.ethertype &&
    normalisedProtocol(rule.protocol) === normalisedProtocol(spec.protocol ?? null) &&
    rule.port_range_min === (spec.port_range_min ?? null) &&
    rule.port_range_max === (spec.port_range_max ?? null) &&
    rule.remote_ip_prefix === (spec.remote_ip_prefix ?? null) &&
    rule.remote_group_id === (spec.remote_group_id ?? null)
  );
}

/** Routes of `/v2.0/security-groups` and `/v2.0/security-group-rules`. */
export function securityGroupRoutes(runtime: SimulatorRuntime): Route[] {
  const state = runtime.state.network;
  const ensureForCaller = (context: RequestContext) => {
    if (context.token?.projectId) ensureDefaultSecurityGroup(runtime, context.token.projectId);
  };
  return [
    route('GET', '/v2.0/security-groups', (context) => {
      ensureForCaller(context);
      const items = [...state.securityGroups.values()].filter((group) => visible(context.token, group));
      return filteredList(
        context,
        'security_groups',
        items.map((group) => groupView(state, group)),
      );
    }),
    route('GET', '/v2.0/security-groups/{id}', (context) =>
      ok({ security_group: groupView(state, findSecurityGroup(state, context.params.id!, context)) }),
    ),
    route('POST', '/v2.0/security-groups', (context): Reply => {
      const body = resourceBody(context, 'security_group');
      rejectUnknownAttributes(body, groupCreateAttributes);
      const projectId = actingProject(context, body);
      ensureDefaultSecurityGroup(runtime, projectId);
      if (body.name === 'default') {
        throw new ApiError(409, 'Default security group already exists.', 'SecurityGroupDefaultAlreadyExists');
      }
      checkNeutronQuota(runtime, projectId, 'security_group', neutronUsage(state, projectId, 'security_group'));
      return created({ security_group: groupView(state, insertGroup(runtime, projectId, body, false)) });
    }),
    route('PUT', '/v2.0/security-groups/{id}', (context) => {
      const group = findSecurityGroup(state, context.params.id!, context);
      const body = resourceBody(context, 'security_group');
      rejectUnknownAttributes(body, groupUpdateAttributes);
      group.name = stringAttribute(body, 'name', group.name);
      group.description = stringAttribute(body, 'description', group.description);
      group.stateful = booleanAttribute(body, 'stateful', group.stateful);
      touch(runtime, group);
      return ok({ security_group: groupView(state, group) });
    }),
    route('DELETE', '/v2.0/security-groups/{id}', (context) => {
      const group = findSecurityGroup(state, context.params.id!, context);
      if (state.defaultSecurityGroups.get(group.project_id) === group.id && !isAdmin(context.token)) {
        throw new ApiError(
          409,
          'Insufficient rights for removing default security group.',
          'SecurityGroupCannotRemoveDefault',
        );
      }
      if ([...state.ports.values()].some((port) => port.security_groups.includes(group.id))) {
        throw new ApiError(409, `Security Group ${group.id} in use.`, 'SecurityGroupInUse');
      }
      for (const rule of [...state.securityGroupRules.values()]) {
        if (rule.security_group_id === group.id || rule.remote_group_id === group.id) {
          state.securityGroupRules.delete(rule.id);
        }
      }
      state.securityGroups.delete(group.id);
      if (state.defaultSecurityGroups.get(group.project_id) === group.id)
        state.defaultSecurityGroups.delete(group.project_id);
      return noContent();
    }),
    route('GET', '/v2.0/security-group-rules', (context) => {
      const items = [...state.securityGroupRules.values()].filter((rule) => visible(context.token, rule));
      return filteredList(context, 'security_group_rules', items.map(ruleView));
    }),
    route('GET', '/v2.0/security-group-rules/{id}', (context) => {
      const rule = findVisible(state.securityGroupRules, context.params.id!, context.token, {
        type: 'SecurityGroupRuleNotFound',
        message: `Security group rule ${context.params.id} does not exist`,
      });
      return ok({ security_group_rule: ruleView(rule) });
    }),
    route('POST', '/v2.0/security-group-rules', (context): Reply => {
      const body = resourceBody(context, 'security_group_rule');
      rejectUnknownAttributes(body, ruleCreateAttributes);
      if (typeof body.security_group_id !== 'string') {
        throw new ApiError(400, "Failed to parse request. Required attribute 'security_group_id' not specified");
      }
      const group = findSecurityGroup(state, body.security_group_id, context);
      const spec = validatedRule(state, body, context);
      const duplicate = [...state.securityGroupRules.values()].find(
        (rule) => rule.security_group_id === group.id && sameRule(rule, spec),
      );
      if (duplicate) {
        throw new ApiError(
          409,
          `Security group rule already exists. Rule id is ${duplicate.id}.`,
          'SecurityGroupRuleExists',
        );
      }
      const usage = neutronUsage(state, group.project_id, 'security_group_rule');
      checkNeutronQuota(runtime, group.project_id, 'security_group_rule', usage);
      // Neutron answers a rule creation without the standard-attribute ID and tags it shows everywhere else.
      const { standard_attr_id: _id, tags: _tags, ...createdRule } = insertRule(runtime, group, spec);
      return created({ security_group_rule: createdRule });
    }),
    route('DELETE', '/v2.0/security-group-rules/{id}', (context) => {
      const rule = findVisible(state.securityGroupRules, context.params.id!, context.token, {
        type: 'SecurityGroupRuleNotFound',
        message: `Security group rule ${context.params.id} does not exist`,
      });
      state.securityGroupRules.delete(rule.id);
      return noContent();
    }),
  ];
}
