import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotFound, KeystoneSession, neutron, OpenStackApiError, UndiciTransport } from '../../src/openstack/index.js';
import type { TestCloud } from '../../test-support/test-cloud.js';
import { cloudConfigFor, sessionFor } from './sessions.js';

/**
 * The client contract: the same calls, answers and error classes whichever cloud answers. Run by
 * `real.test.ts` against the Debian Keystone + Neutron and by `simulator.test.ts` against the simulator,
 * so every difference between them shows up as a failure of one of the two files.
 */
export function describeClientContract(backend: string, open: () => Promise<TestCloud | string>): void {
  // The real services share two CPU cores with everything else: give each step room.
  describe(`OpenStack client contract (${backend})`, { timeout: 120_000 }, () => {
    let cloud: TestCloud;
    let unavailable: string | undefined;
    let demo: KeystoneSession;
    const prefix = `contract-${randomBytes(3).toString('hex')}`;
    const cleanups: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      const opened = await open();
      if (typeof opened === 'string') {
        unavailable = opened;
        return;
      }
      cloud = opened;
      demo = sessionFor(cloud, 'demo');
    });

    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      }
      await demo?.close();
      await cloud?.stop();
    });

    /** Skips the test, with the reason, when the backend is not available here. */
    function requireCloud(context: { skip: (note?: string) => void }): void {
      if (unavailable !== undefined) context.skip(unavailable);
    }

    describe('Keystone', () => {
      it('issues a project-scoped token with a catalog to a password user', async (context) => {
        requireCloud(context);
        const projectId = await demo.projectId();
        expect(projectId).toMatch(/^[0-9a-f-]{8,}$/);
        expect(await demo.endpoint('network')).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\//);
        expect(await demo.endpoint('identity')).toMatch(/\/$/);
      });

      it('authenticates an application credential into its project', async (context) => {
        requireCloud(context);
        const session = sessionFor(cloud, 'application-credential');
        expect(await session.projectId()).toBe(await demo.projectId());
        expect((await neutron.listNetworks(session, { name: cloud.externalNetworkName })).length).toBe(1);
        await session.close();
      });

      it('refuses a wrong password with 401 (unauthorized) and a request id', async (context) => {
        requireCloud(context);
        const session = new KeystoneSession(cloudConfigFor(cloud, 'demo', 'not-the-password'));
        const error = await session.projectId().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(OpenStackApiError);
        expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
        expect((error as OpenStackApiError).requestId).toMatch(/^req-/);
        await session.close();
      });

      it('re-authenticates when the token is revoked', async (context) => {
        requireCloud(context);
        const session = sessionFor(cloud, 'demo');
        const token = await session.authenticator.token();
        const transport = new UndiciTransport();
        await transport.send({
          method: 'DELETE',
          url: `${cloud.authUrl.replace(/\/?$/, '/')}auth/tokens`,
          headers: { 'x-auth-token': token.value.reveal(), 'x-subject-token': token.value.reveal() },
        });
        await transport.close();
        await neutron.listNetworks(session, { name: cloud.externalNetworkName });
        expect(session.authenticator.authentications).toBe(2);
        await session.close();
      });
    });

    describe('Neutron', () => {
      it('finds the external network by router:external and by name', async (context) => {
        requireCloud(context);
        const external = await neutron.listNetworks(demo, { external: true });
        expect(external.map((network) => network.name)).toContain(cloud.externalNetworkName);
        const [byName] = await neutron.listNetworks(demo, { name: cloud.externalNetworkName });
        expect(byName).toMatchObject({ 'router:external': true });
        expect(byName?.subnets.length).toBeGreaterThan(0);
      });

      it('lists the extensions CAPO checks', async (context) => {
        requireCloud(context);
        const aliases = (await neutron.listExtensions(demo)).map((extension) => extension.alias);
        for (const alias of ['trunk', 'router', 'external-net', 'standard-attr-tag', 'port-security']) {
          expect(aliases).toContain(alias);
        }
      });

      let network: neutron.Network;
      let subnet: neutron.Subnet;
      let external: neutron.Network | undefined;
      let router: neutron.Router;
      let group: neutron.SecurityGroup;
      const ports: neutron.Port[] = [];

      it('creates a network and filters it by tags', async (context) => {
        requireCloud(context);
        network = await neutron.createNetwork(demo, { name: `${prefix}-net`, admin_state_up: true, mtu: 1400 });
        cleanups.push(() => neutron.deleteNetwork(demo, network.id));
        expect(network).toMatchObject({ name: `${prefix}-net`, mtu: 1400, tags: [], subnets: [] });
        expect(await neutron.replaceAllTags(demo, 'networks', network.id, ['cluster', prefix])).toEqual(
          expect.arrayContaining(['cluster', prefix]),
        );
        expect((await neutron.listNetworks(demo, { tags: [prefix, 'cluster'] })).map((n) => n.id)).toEqual([
          network.id,
        ]);
        expect((await neutron.listNetworks(demo, { tagsAny: [prefix, 'nothing'] })).map((n) => n.id)).toEqual([
          network.id,
        ]);
        expect((await neutron.listNetworks(demo, { name: `${prefix}-net`, notTags: [prefix] })).length).toBe(0);
      });

      it('creates a subnet with DNS servers and allocation pools and updates its DNS servers', async (context) => {
        requireCloud(context);

        subnet = await neutron.createSubnet(demo, {
          network_id: network.id,
          name: `${prefix}-subnet`,
          ip_version: 4,
          cidr: '10.6.0.0/24',
          dns_nameservers: ['8.8.8.8'],
          allocation_pools: [{ start: '10.6.0.10', end: '10.6.0.200' }],
          description: 'Created by the contract suite',
        });
        expect(subnet).toMatchObject({
          cidr: '10.6.0.0/24',
          gateway_ip: '10.6.0.1',
          dns_nameservers: ['8.8.8.8'],
          allocation_pools: [{ start: '10.6.0.10', end: '10.6.0.200' }],
        });
        expect(
          (await neutron.updateSubnetDnsNameservers(demo, subnet.id, ['1.1.1.1', '9.9.9.9'])).dns_nameservers,
        ).toEqual(['1.1.1.1', '9.9.9.9']);
        expect(
          (await neutron.listSubnets(demo, { networkId: network.id, cidr: '10.6.0.0/24' })).map((s) => s.id),
        ).toEqual([subnet.id]);
      });

      it('creates a router with an external gateway and an interface on the subnet', async (context) => {
        requireCloud(context);
        [external] = await neutron.listNetworks(demo, { name: cloud.externalNetworkName });
        router = await neutron.createRouter(demo, {
          name: `${prefix}-router`,
          external_gateway_info: { network_id: external?.id ?? '' },
        });
        cleanups.push(() => neutron.deleteRouter(demo, router.id));
        expect(router.external_gateway_info?.network_id).toBe(external?.id);
        expect(router.external_gateway_info?.external_fixed_ips[0]?.ip_address).toMatch(/^172\.24\.4\./);
        await neutron.addRouterInterface(demo, router.id, subnet.id);
        cleanups.push(() => neutron.removeRouterInterface(demo, router.id, subnet.id));
        const interfaces = await neutron.listPorts(demo, {
          networkId: network.id,
          deviceOwner: neutron.routerInterfaceDeviceOwners,
        });
        expect(interfaces.map((port) => port.device_id)).toEqual([router.id]);
        expect(interfaces[0]?.fixed_ips).toEqual([{ subnet_id: subnet.id, ip_address: '10.6.0.1' }]);
        const deleteRouterInUse = await neutron.deleteRouter(demo, router.id).catch((caught: unknown) => caught);
        expect(deleteRouterInUse).toMatchObject({ kind: 'conflict', status: 409, faultType: 'RouterInUse' });
      });

      it('creates a security group and rules; a duplicate rule is a 409', async (context) => {
        requireCloud(context);
        group = await neutron.createSecurityGroup(demo, {
          name: `${prefix}-sg`,
          description: 'Cluster API managed group',
        });
        cleanups.push(() => neutron.deleteSecurityGroup(demo, group.id));
        expect(group.security_group_rules.map((rule) => [rule.direction, rule.ethertype]).sort()).toEqual([
          ['egress', 'IPv4'],
          ['egress', 'IPv6'],
        ]);
        const rule = await neutron.createSecurityGroupRule(demo, {
          security_group_id: group.id,
          direction: 'ingress',
          ethertype: 'IPv4',
          protocol: 'tcp',
          port_range_min: 6443,
          port_range_max: 6443,
          description: 'Kubernetes API',
          remote_ip_prefix: '0.0.0.0/0',
        });
        expect(rule).toMatchObject({ protocol: 'tcp', port_range_min: 6443, remote_group_id: null });
        const duplicate = await neutron
          .createSecurityGroupRule(demo, {
            security_group_id: group.id,
            direction: 'ingress',
            ethertype: 'IPv4',
            protocol: 'tcp',
            port_range_min: 6443,
            port_range_max: 6443,
            description: 'another description',
            remote_ip_prefix: '0.0.0.0/0',
          })
          .catch((caught: unknown) => caught);
        expect(duplicate).toMatchObject({ kind: 'conflict', status: 409, faultType: 'SecurityGroupRuleExists' });
        const remoteGroupRule = await neutron.createSecurityGroupRule(demo, {
          security_group_id: group.id,
          direction: 'ingress',
          ethertype: 'IPv4',
          remote_group_id: group.id,
          port_range_min: 0,
          description: '',
        });
        expect(remoteGroupRule).toMatchObject({ protocol: null, port_range_min: null, remote_ip_prefix: null });
        const [listedGroup] = await neutron.listSecurityGroups(demo, { name: `${prefix}-sg` });
        expect(listedGroup?.security_group_rules).toHaveLength(4);
        await neutron.deleteSecurityGroupRule(demo, remoteGroupRule.id);
      });

      it('creates ports, lists them page by page and by fixed IP; in-use groups and networks answer 409', async (context) => {
        requireCloud(context);
        for (const index of [1, 2, 3]) {
          const port = await neutron.createPort(demo, {
            network_id: network.id,
            name: `${prefix}-port-${index}`,
            description: 'Created by cluster-api-provider-openstack cluster contract',
            fixed_ips: [{ subnet_id: subnet.id, ip_address: `10.6.0.${20 + index}` }],
            security_groups: [group.id],
            allowed_address_pairs: [{ ip_address: '10.6.0.250' }],
          });
          cleanups.push(() => neutron.deletePort(demo, port.id));
          ports.push(port);
        }
        const [first] = ports;
        expect(first).toMatchObject({
          status: 'DOWN',
          security_groups: [group.id],
          fixed_ips: [{ subnet_id: subnet.id, ip_address: '10.6.0.21' }],
          allowed_address_pairs: [{ ip_address: '10.6.0.250', mac_address: first?.mac_address }],
          port_security_enabled: true,
        });
        const paged = await neutron.listPorts(demo, { networkId: network.id, deviceOwner: '', limit: 1 });
        expect(paged.map((port) => port.id).sort()).toEqual(ports.map((port) => port.id).sort());
        expect((await neutron.listPorts(demo, { fixedIpAddress: '10.6.0.22' })).map((port) => port.id)).toEqual([
          ports[1]?.id,
        ]);
        const inUse = await neutron.deleteSecurityGroup(demo, group.id).catch((caught: unknown) => caught);
        expect(inUse).toMatchObject({ kind: 'conflict', status: 409, faultType: 'SecurityGroupInUse' });
        const networkInUse = await neutron.deleteNetwork(demo, network.id).catch((caught: unknown) => caught);
        expect(networkInUse).toMatchObject({ kind: 'conflict', status: 409, faultType: 'NetworkInUse' });
      });

      it('creates a trunk on a port and tags it', async (context) => {
        requireCloud(context);
        const [first] = ports;
        const trunk = await neutron.createTrunk(demo, {
          name: `${prefix}-trunk`,
          port_id: first?.id ?? '',
          description: 'Created by cluster-api-provider-openstack',
        });
        cleanups.push(() => neutron.deleteTrunk(demo, trunk.id));
        expect((await neutron.listTrunks(demo, { portId: first?.id })).map((t) => t.id)).toEqual([trunk.id]);
        expect(await neutron.listSubports(demo, trunk.id)).toEqual([]);
        await neutron.replaceAllTags(demo, 'trunks', trunk.id, [prefix]);
        expect((await neutron.getTrunk(demo, trunk.id)).tags).toEqual([prefix]);
      });

      it('allocates a floating IP, associates it with a port and dissociates it', async (context) => {
        requireCloud(context);
        const floatingIp = await neutron.createFloatingIp(demo, {
          floating_network_id: external?.id ?? '',
          description: `${prefix} API server`,
        });
        cleanups.push(() => neutron.deleteFloatingIp(demo, floatingIp.id));
        expect(floatingIp).toMatchObject({ port_id: null, status: 'DOWN' });
        expect(floatingIp.floating_ip_address).toMatch(/^172\.24\.4\./);
        const associated = await neutron.associateFloatingIp(demo, floatingIp.id, ports[2]?.id ?? null);
        expect(associated).toMatchObject({
          port_id: ports[2]?.id,
          fixed_ip_address: '10.6.0.23',
          router_id: router.id,
        });
        expect((await neutron.listFloatingIps(demo, { portId: ports[2]?.id })).map((f) => f.id)).toEqual([
          floatingIp.id,
        ]);
        expect(
          (await neutron.listFloatingIps(demo, { floatingIpAddress: floatingIp.floating_ip_address })).map((f) => f.id),
        ).toEqual([floatingIp.id]);
        const dissociated = await neutron.associateFloatingIp(demo, floatingIp.id, null);
        expect(dissociated).toMatchObject({ port_id: null, fixed_ip_address: null });
      });

      it('answers 404 (not-found) for missing resources and treats a second delete as not found', async (context) => {
        requireCloud(context);
        const missing = await neutron
          .getNetwork(demo, '00000000-0000-0000-0000-000000000000')
          .catch((caught: unknown) => caught);
        expect(missing).toMatchObject({ kind: 'not-found', status: 404, faultType: 'NetworkNotFound' });
        expect((missing as OpenStackApiError).requestId).toMatch(/^req-/);
        const group = await neutron.createSecurityGroup(demo, { name: `${prefix}-gone` });
        await neutron.deleteSecurityGroup(demo, group.id);
        const again = await neutron.deleteSecurityGroup(demo, group.id).catch((caught: unknown) => caught);
        expect(isNotFound(again)).toBe(true);
      });

      it('rejects invalid input as terminal 400', async (context) => {
        requireCloud(context);
        const error = await neutron
          .createSubnet(demo, {
            network_id: (await neutron.listNetworks(demo, { name: cloud.externalNetworkName }))[0]?.id ?? '',
            name: `${prefix}-bad`,
            ip_version: 4,
            cidr: 'not-a-cidr',
          })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ kind: 'terminal', status: 400 });
      });
    });
  });
}
