import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { login, type Session } from './helpers.js';

describe('simulated Neutron: routers, floating IPs, trunks', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;
  let networkId: string;
  let subnetId: string;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual', delays: { floatingIpMs: 1000 } });
    demo = await login(cloud, cloud.demo);
    networkId = (await demo.network('POST', '/networks', { network: { name: 'cluster' } })).body.network.id;
    subnetId = (
      await demo.network('POST', '/subnets', { subnet: { network_id: networkId, ip_version: 4, cidr: '10.6.0.0/24' } })
    ).body.subnet.id;
  });
  afterAll(async () => {
    await cloud.stop();
  });

  it('creates a router with a gateway on the external network and manages interfaces', async () => {
    const created = await demo.network('POST', '/routers', {
      router: { name: 'cluster-router', external_gateway_info: { network_id: cloud.seed.externalNetworkId } },
    });
    expect(created.status).toBe(201);
    const router = created.body.router;
    expect(router.external_gateway_info.network_id).toBe(cloud.seed.externalNetworkId);
    expect(router.external_gateway_info.external_fixed_ips).toEqual([
      { subnet_id: cloud.seed.externalSubnetId, ip_address: '172.24.4.2' },
    ]);
    const added = await demo.network('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnetId });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      id: router.id,
      subnet_id: subnetId,
      subnet_ids: [subnetId],
      network_id: networkId,
    });
    const again = await demo.network('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnetId });
    expect(again.status).toBe(400);
    const interfacePorts = await demo.network(
      'GET',
      `/ports?network_id=${networkId}&device_owner=network:router_interface&device_owner=network:router_interface_distributed`,
    );
    expect(interfacePorts.body.ports).toHaveLength(1);
    expect(interfacePorts.body.ports[0].fixed_ips[0].ip_address).toBe('10.6.0.1');
    const direct = await demo.network('DELETE', `/ports/${added.body.port_id}`);
    expect(direct.status).toBe(409);
    expect(direct.body.NeutronError.type).toBe('ServicePortInUse');
    const inUse = await demo.network('DELETE', `/routers/${router.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.NeutronError).toEqual({
      type: 'RouterInUse',
      message: `Router ${router.id} has ports still attached: ${added.body.port_id}`,
      detail: '',
    });
    const external = await demo.network('POST', '/routers', {
      router: { name: 'bad', external_gateway_info: { network_id: networkId } },
    });
    expect(external.status).toBe(400);
  });

  it('refuses to associate a floating IP to a port whose subnet has no router to the external network', async () => {
    const isolated = (await demo.network('POST', '/networks', { network: { name: 'isolated' } })).body.network;
    const isolatedSubnet = (
      await demo.network('POST', '/subnets', {
        subnet: { network_id: isolated.id, ip_version: 4, cidr: '10.9.0.0/24' },
      })
    ).body.subnet;
    const port = (await demo.network('POST', '/ports', { port: { network_id: isolated.id } })).body.port;
    const fip = await demo.network('POST', '/floatingips', {
      floatingip: { floating_network_id: cloud.seed.externalNetworkId, port_id: port.id },
    });
    expect(fip.status).toBe(404);
    expect(fip.body.NeutronError.type).toBe('ExternalGatewayForFloatingIPNotFound');
    await demo.network('DELETE', `/ports/${port.id}`);
    await demo.network('DELETE', `/subnets/${isolatedSubnet.id}`);
    await demo.network('DELETE', `/networks/${isolated.id}`);
  });

  it('moves a floating IP DOWN → ACTIVE after association and back to DOWN after `{}` disassociates it', async () => {
    const port = (await demo.network('POST', '/ports', { port: { network_id: networkId, name: 'vm-0' } })).body.port;
    const created = await demo.network('POST', '/floatingips', {
      floatingip: {
        floating_network_id: cloud.seed.externalNetworkId,
        description: 'Created by cluster-api-provider-openstack',
      },
    });
    expect(created.status).toBe(201);
    const fip = created.body.floatingip;
    expect(fip).toMatchObject({
      status: 'DOWN',
      port_id: null,
      router_id: null,
      fixed_ip_address: null,
      port_details: null,
    });
    const byAddress = await demo.network('GET', `/floatingips?floating_ip_address=${fip.floating_ip_address}`);
    expect(byAddress.body.floatingips.map((entry: { id: string }) => entry.id)).toEqual([fip.id]);

    const associated = await demo.network('PUT', `/floatingips/${fip.id}`, { floatingip: { port_id: port.id } });
    expect(associated.body.floatingip).toMatchObject({
      status: 'DOWN',
      port_id: port.id,
      fixed_ip_address: port.fixed_ips[0].ip_address,
    });
    expect(associated.body.floatingip.port_details.name).toBe('vm-0');
    cloud.clock.advance(999);
    expect((await demo.network('GET', `/floatingips/${fip.id}`)).body.floatingip.status).toBe('DOWN');
    cloud.clock.advance(1);
    expect((await demo.network('GET', `/floatingips/${fip.id}`)).body.floatingip.status).toBe('ACTIVE');
    const byPort = await demo.network('GET', `/floatingips?port_id=${port.id}`);
    expect(byPort.body.floatingips).toHaveLength(1);

    const routers = await demo.network('GET', '/routers?name=cluster-router');
    const busyInterface = await demo.network('PUT', `/routers/${routers.body.routers[0].id}/remove_router_interface`, {
      subnet_id: subnetId,
    });
    expect(busyInterface.status).toBe(409);

    const cleared = await demo.network('PUT', `/floatingips/${fip.id}`, { floatingip: {} });
    expect(cleared.body.floatingip.port_id).toBeNull();
    cloud.clock.settle();
    expect((await demo.network('GET', `/floatingips/${fip.id}`)).body.floatingip.status).toBe('DOWN');
    expect((await demo.network('DELETE', `/floatingips/${fip.id}`)).status).toBe(204);
    expect((await demo.network('GET', `/floatingips/${fip.id}`)).body.NeutronError.type).toBe('FloatingIPNotFound');
    await demo.network('DELETE', `/ports/${port.id}`);
  });

  it('refuses a floating IP address that is already taken', async () => {
    const first = await demo.network('POST', '/floatingips', {
      floatingip: { floating_network_id: cloud.seed.externalNetworkId, floating_ip_address: '172.24.4.100' },
    });
    expect(first.body.floatingip.floating_ip_address).toBe('172.24.4.100');
    const second = await demo.network('POST', '/floatingips', {
      floatingip: { floating_network_id: cloud.seed.externalNetworkId, floating_ip_address: '172.24.4.100' },
    });
    expect(second.status).toBe(409);
    expect(second.body.NeutronError.type).toBe('IpAddressAlreadyAllocated');
    await demo.network('DELETE', `/floatingips/${first.body.floatingip.id}`);
  });

  it('manages trunks: parent port protection, sub-ports, deletion', async () => {
    const parent = (await demo.network('POST', '/ports', { port: { network_id: networkId, name: 'trunk-parent' } }))
      .body.port;
    const child = (await demo.network('POST', '/ports', { port: { network_id: networkId, name: 'trunk-child' } })).body
      .port;
    const created = await demo.network('POST', '/trunks', {
      trunk: { name: 'trunk-parent', port_id: parent.id, description: 'trunk' },
    });
    expect(created.status).toBe(201);
    const trunk = created.body.trunk;
    expect(trunk).toMatchObject({ status: 'DOWN', admin_state_up: true, sub_ports: [], port_id: parent.id });
    expect((await demo.network('POST', '/trunks', { trunk: { port_id: parent.id } })).status).toBe(409);
    const listed = await demo.network('GET', `/trunks?name=trunk-parent&port_id=${parent.id}`);
    expect(listed.body.trunks).toHaveLength(1);

    const added = await demo.network('PUT', `/trunks/${trunk.id}/add_subports`, {
      sub_ports: [{ port_id: child.id, segmentation_type: 'vlan', segmentation_id: 100 }],
    });
    expect(added.body.sub_ports).toEqual([{ port_id: child.id, segmentation_type: 'vlan', segmentation_id: 100 }]);
    expect((await demo.network('GET', `/trunks/${trunk.id}/get_subports`)).body).toEqual({
      sub_ports: added.body.sub_ports,
    });
    const parentView = await demo.network('GET', `/ports/${parent.id}`);
    expect(parentView.body.port.trunk_details.trunk_id).toBe(trunk.id);

    const parentDelete = await demo.network('DELETE', `/ports/${parent.id}`);
    expect(parentDelete.status).toBe(409);
    expect(parentDelete.body.NeutronError.type).toBe('PortInUseAsTrunkParent');
    const childDelete = await demo.network('DELETE', `/ports/${child.id}`);
    expect(childDelete.body.NeutronError.type).toBe('PortInUseAsSubPort');

    expect(
      (await demo.network('PUT', `/trunks/${trunk.id}/remove_subports`, { sub_ports: [{ port_id: child.id }] })).status,
    ).toBe(200);
    expect((await demo.network('PUT', `/trunks/${trunk.id}/tags`, { tags: ['k8s'] })).status).toBe(200);
    expect((await demo.network('DELETE', `/trunks/${trunk.id}`)).status).toBe(204);
    expect((await demo.network('DELETE', `/ports/${parent.id}`)).status).toBe(204);
    expect((await demo.network('DELETE', `/ports/${child.id}`)).status).toBe(204);
  });

  it('refuses a trunk on a port already bound to a host (409 ParentPortInUse)', async () => {
    const admin = await login(cloud, cloud.admin);
    const port = (
      await admin.network('POST', '/ports', {
        port: { network_id: networkId, 'binding:host_id': 'compute-1', project_id: demo.projectId },
      })
    ).body.port;
    expect(port['binding:vif_type']).toBe('ovs');
    const trunk = await demo.network('POST', '/trunks', { trunk: { port_id: port.id } });
    expect(trunk.status).toBe(409);
    expect(trunk.body.NeutronError.type).toBe('ParentPortInUse');
    await demo.network('DELETE', `/ports/${port.id}`);
  });

  it('tears down to an empty simulator', async () => {
    const router = (await demo.network('GET', '/routers?name=cluster-router')).body.routers[0];
    expect(
      (await demo.network('PUT', `/routers/${router.id}/remove_router_interface`, { subnet_id: subnetId })).status,
    ).toBe(200);
    const missing = await demo.network('PUT', `/routers/${router.id}/remove_router_interface`, { subnet_id: subnetId });
    expect(missing.status).toBe(404);
    expect(missing.body.NeutronError.type).toBe('RouterInterfaceNotFoundForSubnet');
    expect((await demo.network('DELETE', `/routers/${router.id}`)).status).toBe(204);
    expect(
      cloud
        .leftovers()
        .map((leftover) => leftover.type)
        .sort(),
    ).toEqual(['network', 'subnet']);
    expect((await demo.network('DELETE', `/networks/${networkId}`)).status).toBe(204);
    expect(cloud.leftovers()).toEqual([]);
  });
});
