import { builtin, type IPAddress, ipamTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackFloatingIPPool } from '../../src/api/v1alpha1/openstack-floating-ip-pool.js';
import { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { neutron } from '../../src/openstack/index.js';
import {
  condition,
  createMachine,
  deleteMachine,
  type MachineHarness,
  namespace,
  readMachine,
  readyCluster,
  readyMachine,
  startMachineHarness,
} from './harness.js';
import { type PoolController, startPoolController } from './pool-controller.js';

// FIP-05: OpenStackMachine.spec.floatingIPPoolRef. The OpenStackServer claims an address from the pool through a
// Cluster API IPAddressClaim, and associates the floating IP with its port once the pool's IPAM provider served it.

const clusterName = 'pooled';
const GROUP = 'infrastructure.cluster.x-k8s.io';
let h: MachineHarness;
let pools: PoolController | undefined;

beforeAll(async () => {
  h = await startMachineHarness();
  await readyCluster(h, clusterName);
}, 90_000);

afterAll(async () => {
  await pools?.stop();
  await h?.stop();
});

function createPool(name: string, reclaimPolicy: 'Delete' | 'Retain'): Promise<OpenStackFloatingIPPool> {
  return h.client.create(OpenStackFloatingIPPool, {
    apiVersion: `${GROUP}/v1alpha1`,
    kind: 'OpenStackFloatingIPPool',
    metadata: { namespace, name },
    spec: { identityRef: { type: 'Secret', name: 'cloud-config', cloudName: 'openstack' }, reclaimPolicy },
  } as OpenStackFloatingIPPool);
}

function poolRef(name: string) {
  return { apiGroup: GROUP, kind: 'OpenStackFloatingIPPool', name };
}

function serverCondition(server: OpenStackServer, type: string) {
  return server.status?.conditions?.find((c) => c.type === type);
}

/** Waits until the machine's OpenStackServer satisfies `check`. */
function serverWhen(name: string, check: (server: OpenStackServer) => void): Promise<OpenStackServer> {
  return eventually(
    async () => {
      const server = await h.client.get(OpenStackServer, { namespace, name });
      check(server);
      return server;
    },
    { timeoutMs: 30_000 },
  );
}

function fipsWith(address: string): Promise<neutron.FloatingIp[]> {
  return neutron.listFloatingIps(h.demo, { floatingIpAddress: address });
}

/** The machine is Ready with the pool's floating IP on its server's port; answers the address. */
async function expectPoolAddress(name: string): Promise<string> {
  const machine = await readyMachine(h, name);
  const claim = await h.client.get(ipamTypes.ipAddressClaim, { namespace, name: `${name}-floating-ip-address` });
  const addressName = claim.status?.addressRef?.name as string;
  const address = (await h.client.get(ipamTypes.ipAddress, { namespace, name: addressName })).spec.address;
  const server = await serverWhen(name, (s) =>
    expect(serverCondition(s, 'FloatingAddressFromPoolReady')?.status).toBe('True'),
  );
  const [fip] = await fipsWith(address);
  expect(fip?.port_id).toBe(server.status?.resources?.ports?.[0]?.id);
  expect(fip?.fixed_ip_address).toBe(machine.status?.addresses?.find((a) => a.type === 'InternalIP')?.address);
  expect(machine.status?.addresses).toContainEqual({ type: 'ExternalIP', address });
  return address;
}

describe('OpenStackMachine with floatingIPPoolRef', () => {
  it('waits for the IPAM provider, then gets the pool floating IP on its port; deleting it deletes the IP (Delete)', async () => {
    await createPool('deleting', 'Delete');
    const name = 'pooled-delete';
    await createMachine(h, clusterName, name, { spec: { floatingIPPoolRef: poolRef('deleting') } });

    // No pool controller runs yet: the claim is made, nothing is created in the cloud.
    const waiting = await serverWhen(name, (s) =>
      expect(serverCondition(s, 'FloatingAddressFromPoolReady')).toMatchObject({
        status: 'False',
        reason: 'WaitingForIPAMProvider',
        severity: 'Info',
      }),
    );
    expect(waiting.spec.floatingIPPoolRef).toEqual(poolRef('deleting'));
    expect(waiting.status?.instanceID).toBeUndefined();
    expect(waiting.status?.resources?.ports ?? []).toEqual([]);
    const claim = await h.client.get(ipamTypes.ipAddressClaim, { namespace, name: `${name}-floating-ip-address` });
    expect(claim.spec).toEqual({ poolRef: poolRef('deleting'), clusterName });
    expect(claim.metadata.labels).toEqual({ 'cluster.x-k8s.io/cluster-name': clusterName });
    expect(claim.metadata.finalizers).toEqual(['openstackmachine.infrastructure.cluster.x-k8s.io/ip-claim']);
    expect(claim.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid])).toEqual([
      ['OpenStackServer', name, waiting.metadata.uid],
    ]);
    await eventually(async () => {
      const events = await h.client.list(builtin.event, { namespace });
      expect(
        events.items.filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'OpenStackServer'),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reason: 'CreatingIPAddressClaim' }),
          expect.objectContaining({ reason: 'WaitingForIPAddressClaim' }),
        ]),
      );
    });

    await eventually(async () => {
      const machine = await readMachine(h, name);
      expect(condition(machine, 'InstanceReady')?.message).toContain(
        `Waiting for IPAddressClaim ${namespace}/${name}-floating-ip-address to be allocated`,
      );
    });

    pools = startPoolController(h);
    const address = await expectPoolAddress(name);
    // The wait is announced once, however often the waiting server was reconciled.
    const after = await h.client.list(builtin.event, { namespace });
    const announced = after.items.filter(
      (e) => e.involvedObject.name === name && e.reason === 'WaitingForIPAddressClaim',
    );
    expect(announced).toHaveLength(1);

    await deleteMachine(h, name);
    await eventually(async () => expect(await fipsWith(address)).toEqual([]), { timeoutMs: 20_000 });
    expect(
      await h.client.getOptional(ipamTypes.ipAddressClaim, { namespace, name: `${name}-floating-ip-address` }),
    ).toBeUndefined();
    await eventually(async () => {
      const pool = await h.client.get(OpenStackFloatingIPPool, { namespace, name: 'deleting' });
      expect(pool.status?.claimedIPs).toEqual([]);
      expect(pool.status?.availableIPs).toEqual([]);
    });
  });

  it('gives the floating IP back to the pool when the machine goes (Retain)', async () => {
    pools ??= startPoolController(h);
    await createPool('retaining', 'Retain');
    const name = 'pooled-retain';
    await createMachine(h, clusterName, name, { spec: { floatingIPPoolRef: poolRef('retaining') } });
    const address = await expectPoolAddress(name);

    await deleteMachine(h, name);
    await eventually(
      async () => {
        const pool = await h.client.get(OpenStackFloatingIPPool, { namespace, name: 'retaining' });
        expect(pool.status?.availableIPs).toEqual([address]);
        expect(pool.status?.claimedIPs).toEqual([]);
      },
      { timeoutMs: 20_000 },
    );
    const [fip] = await fipsWith(address);
    expect(fip?.port_id ?? null).toBeNull();
  });

  it('reports FloatingIPError when no port of the server is on a network routed to the floating IP network', async () => {
    pools ??= startPoolController(h);
    await createPool('unrouted', 'Delete');
    const isolated = await neutron.createNetwork(h.demo, { name: 'isolated' });
    await neutron.createSubnet(h.demo, {
      network_id: isolated.id,
      name: 'isolated',
      cidr: '10.9.0.0/24',
      ip_version: 4,
    });
    const name = 'pooled-unrouted';
    await createMachine(h, clusterName, name, {
      spec: { floatingIPPoolRef: poolRef('unrouted'), ports: [{ network: { id: isolated.id } }] },
    });
    const server = await serverWhen(name, (s) =>
      expect(serverCondition(s, 'FloatingAddressFromPoolReady')?.reason).toBe('FloatingIPError'),
    );
    expect(serverCondition(server, 'FloatingAddressFromPoolReady')?.message).toContain(
      `on a network routed to the external network ${h.cloud.seed.externalNetworkId}`,
    );
    await deleteMachine(h, name);
  });

  it('reports FloatingIPError when the floating IP of its address does not exist', async () => {
    // The test serves this pool itself, as an IPAM provider would, with an address no floating IP has.
    const name = 'pooled-vanished';
    await createMachine(h, clusterName, name, { spec: { floatingIPPoolRef: poolRef('hand-served') } });
    const claimName = `${name}-floating-ip-address`;
    const claim = await eventually(() => h.client.get(ipamTypes.ipAddressClaim, { namespace, name: claimName }));
    const missing = '172.24.4.250';
    expect(await fipsWith(missing)).toEqual([]);
    await h.client.create(ipamTypes.ipAddress, {
      apiVersion: 'ipam.cluster.x-k8s.io/v1beta2',
      kind: 'IPAddress',
      metadata: { namespace, name: claimName },
      spec: { address: missing, prefix: 32, claimRef: { name: claimName }, poolRef: poolRef('hand-served') },
    } as IPAddress);
    await h.client.mergePatch(
      ipamTypes.ipAddressClaim,
      { namespace, name: claim.metadata.name as string },
      { status: { addressRef: { name: claimName } } },
      { subresource: 'status' },
    );

    const server = await serverWhen(name, (s) =>
      expect(serverCondition(s, 'FloatingAddressFromPoolReady')?.reason).toBe('FloatingIPError'),
    );
    expect(serverCondition(server, 'FloatingAddressFromPoolReady')).toMatchObject({
      status: 'False',
      severity: 'Error',
      message: expect.stringContaining(`floating IP ${missing} does not exist`),
    });
    expect(server.status?.ready).toBe(false);
    expect(serverCondition(server, 'InstanceReady')?.reason).toBe('FloatingIPError');
    // The machine shows why its server is not ready.
    await eventually(async () => {
      const machine = await readMachine(h, name);
      expect(condition(machine, 'InstanceReady')).toMatchObject({ status: 'False', reason: 'FloatingIPError' });
    });

    await deleteMachine(h, name);
    expect(await h.client.getOptional(ipamTypes.ipAddressClaim, { namespace, name: claimName })).toBeUndefined();
  });
});
