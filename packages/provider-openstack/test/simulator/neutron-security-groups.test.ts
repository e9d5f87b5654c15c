import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulated Neutron: security groups and rules', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual' });
    demo = await login(cloud, cloud.demo);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  async function group(name: string) {
    const answer = await demo.network('POST', '/security-groups', {
      security_group: { name, description: 'Cluster API managed group' },
    });
    expect(answer.status).toBe(201);
    return answer.body.security_group;
  }

  it('creates groups with the two default egress rules and lists them with their rules', async () => {
    const created = await group('k8s-cluster-ns-c-secgroup-controlplane');
    expect(created.stateful).toBe(true);
    const rules = created.security_group_rules.map((rule: Record<string, unknown>) => [
      rule.direction,
      rule.ethertype,
      rule.protocol,
      rule.remote_ip_prefix,
      rule.remote_group_id,
    ]);
    expect(rules).toEqual([
      ['egress', 'IPv4', null, null, null],
      ['egress', 'IPv6', null, null, null],
    ]);
    const listed = await demo.network('GET', '/security-groups?name=k8s-cluster-ns-c-secgroup-controlplane');
    expect(listed.body.security_groups).toHaveLength(1);
    expect(listed.body.security_groups[0].security_group_rules).toHaveLength(2);
    const defaults = await demo.network('GET', '/security-groups?name=default');
    expect(defaults.body.security_groups).toHaveLength(1);
    expect(defaults.body.security_groups[0].security_group_rules).toHaveLength(4);
  });

  it('creates rules and answers a duplicate with 409 SecurityGroupRuleExists (description ignored)', async () => {
    const sg = await group('rules');
    const rule = {
      security_group_id: sg.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: 6443,
      port_range_max: 6443,
      remote_ip_prefix: '0.0.0.0/0',
      description: 'Kubernetes API',
    };
    const first = await demo.network('POST', '/security-group-rules', { security_group_rule: rule });
    expect(first.status).toBe(201);
    expect(first.body.security_group_rule).toMatchObject({
      ...rule,
      project_id: demo.projectId,
      normalized_cidr: '0.0.0.0/0',
    });
    expect(first.body.security_group_rule.standard_attr_id).toBeUndefined();
    const embedded = (await demo.network('GET', `/security-groups/${sg.id}`)).body.security_group.security_group_rules;
    expect(
      embedded.every(
        (entry: { standard_attr_id: unknown; tags: unknown }) =>
          typeof entry.standard_attr_id === 'number' && Array.isArray(entry.tags),
      ),
    ).toBe(true);
    const duplicate = await demo.network('POST', '/security-group-rules', {
      security_group_rule: { ...rule, description: 'other', protocol: '6' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.NeutronError).toEqual({
      type: 'SecurityGroupRuleExists',
      message: `Security group rule already exists. Rule id is ${first.body.security_group_rule.id}.`,
      detail: '',
    });
    const selfRule = await demo.network('POST', '/security-group-rules', {
      security_group_rule: {
        security_group_id: sg.id,
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: 'tcp',
        port_range_min: 2379,
        port_range_max: 2380,
        remote_group_id: sg.id,
      },
    });
    expect(selfRule.status).toBe(201);
    const listed = await demo.network('GET', `/security-group-rules?security_group_id=${sg.id}&direction=ingress`);
    expect(listed.body.security_group_rules).toHaveLength(2);
    expect((await demo.network('DELETE', `/security-group-rules/${selfRule.body.security_group_rule.id}`)).status).toBe(
      204,
    );
    const gone = await demo.network('DELETE', `/security-group-rules/${selfRule.body.security_group_rule.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.NeutronError.type).toBe('SecurityGroupRuleNotFound');
  });

  it('validates rules as Neutron does', async () => {
    const sg = await group('validation');
    const post = (rule: Record<string, unknown>) =>
      demo.network('POST', '/security-group-rules', { security_group_rule: { security_group_id: sg.id, ...rule } });
    expect((await post({ direction: 'sideways' })).status).toBe(400);
    const bothRemotes = await post({ direction: 'ingress', remote_group_id: sg.id, remote_ip_prefix: '10.0.0.0/8' });
    expect(bothRemotes.body.NeutronError.type).toBe('SecurityGroupMultipleRemoteEntites');
    const portsWithoutProtocol = await post({ direction: 'ingress', port_range_min: 22, port_range_max: 22 });
    expect(portsWithoutProtocol.body.NeutronError.type).toBe('SecurityGroupProtocolRequiredWithPorts');
    const inverted = await post({ direction: 'ingress', protocol: 'tcp', port_range_min: 30, port_range_max: 20 });
    expect(inverted.body.NeutronError.type).toBe('SecurityGroupInvalidPortRange');
    const missingGroup = await demo.network('POST', '/security-group-rules', {
      security_group_rule: { security_group_id: '00000000-0000-4000-8000-000000000000', direction: 'ingress' },
    });
    expect(missingGroup.status).toBe(404);
    expect(missingGroup.body.NeutronError.type).toBe('SecurityGroupNotFound');
  });

  it('answers 409 SecurityGroupInUse while a port uses the group, and deletes rules referencing it with it', async () => {
    const used = await group('in-use');
    const other = await group('referencing');
    await demo.network('POST', '/security-group-rules', {
      security_group_rule: { security_group_id: other.id, direction: 'ingress', remote_group_id: used.id },
    });
    const net = await demo.network('POST', '/networks', { network: { name: 'sg-net' } });
    const port = await demo.network('POST', '/ports', {
      port: { network_id: net.body.network.id, security_groups: [used.id] },
    });
    const busy = await demo.network('DELETE', `/security-groups/${used.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.NeutronError).toEqual({
      type: 'SecurityGroupInUse',
      message: `Security Group ${used.id} in use.`,
      detail: '',
    });
    await demo.network('DELETE', `/ports/${port.body.port.id}`);
    expect((await demo.network('DELETE', `/security-groups/${used.id}`)).status).toBe(204);
    const remaining = await demo.network('GET', `/security-groups/${other.id}`);
    expect(
      remaining.body.security_group.security_group_rules.every(
        (rule: { remote_group_id: string | null }) => rule.remote_group_id === null,
      ),
    ).toBe(true);
    await demo.network('DELETE', `/networks/${net.body.network.id}`);
  });

  it('protects the default group and refuses a second group named default', async () => {
    const defaults = await demo.network('GET', '/security-groups?name=default');
    const removal = await demo.network('DELETE', `/security-groups/${defaults.body.security_groups[0].id}`);
    expect(removal.status).toBe(409);
    expect(removal.body.NeutronError.type).toBe('SecurityGroupCannotRemoveDefault');
    const second = await demo.network('POST', '/security-groups', { security_group: { name: 'default' } });
    expect(second.status).toBe(409);
  });

  it('enforces the security group quota', async () => {
    cloud.setQuota(demo.projectId, 'network.security_group', 1);
    const over = await demo.network('POST', '/security-groups', { security_group: { name: 'one-too-many' } });
    expect(over.status).toBe(409);
    expect(over.body.NeutronError.type).toBe('OverQuota');
    cloud.setQuota(demo.projectId, 'network.security_group', 10);
  });
});
