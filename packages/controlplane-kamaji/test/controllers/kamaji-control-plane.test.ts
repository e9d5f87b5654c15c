import { readFileSync } from 'node:fs';
import {
  builtin,
  type Cluster,
  capiTypes,
  getCondition,
  type KubeClient,
  type KubeObject,
  ownerReferenceTo,
  type ResourceType,
  resourceType,
} from '@capi-ts/sdk';
import {
  clusterApiCrdDirectory,
  eventually,
  type ManagerHarness,
  startManagerHarness,
  writesOnceSettled,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KamajiControlPlaneV1alpha1 } from '../../src/api/v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import { kamajiControlPlaneController } from '../../src/controllers/kamajicontrolplane/controller.js';
import { parseFeatureGates } from '../../src/controllers/kamajicontrolplane/features.js';
import { TenantControlPlane } from '../../src/kamaji/tenant-control-plane.js';
import { actAsClusterApi } from '../support/cluster-api-stand-in.js';
import { type ConversionServer, startConversionServer } from '../support/conversion-server.js';
import {
  ExampleCluster,
  infrastructureCrds,
  LXCCluster,
  OpenStackCluster,
  OtherCluster,
  PacketCluster,
} from '../support/infrastructure-kinds.js';
import { tenantControlPlaneCrd } from '../support/kamaji-crds.js';
import { type KamajiSimulator, kamajiSimulator } from '../support/kamaji-simulator/simulator.js';

// User stories against a real API server with the KamajiControlPlane, TenantControlPlane, Cluster API and
// infrastructure CRDs. Kamaji is played by the simulator (test/support/kamaji-simulator); Cluster API's core
// controllers do not run, so the test does their part: owner references, and copying the control plane endpoint
// and infrastructure readiness into the Cluster.

const namespace = 'default';
let h: ManagerHarness;
let conversion: ConversionServer;
let client: KubeClient;
let simulator: KamajiSimulator;
const key = (name: string) => ({ namespace, name });

beforeAll(async () => {
  conversion = await startConversionServer();
  h = await startManagerHarness({
    crds: [clusterApiCrdDirectory(), ...conversion.crds, tenantControlPlaneCrd, ...infrastructureCrds],
    // KAMAJI_TEST_LOG=1 shows the controllers' logs when a story fails.
    logVariable: 'KAMAJI_TEST_LOG',
    setup(manager) {
      manager.add(
        kamajiControlPlaneController({
          manager,
          features: parseFeatureGates('DynamicInfrastructureClusterPatch=true'),
          dynamicInfrastructureClusters: ['ExampleCluster'],
        }),
      );
      simulator = kamajiSimulator(manager);
      manager.add(simulator.controller);
    },
  });
  client = h.client;
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await conversion?.stop();
});

const conditionOf = (object: KubeObject, type: string) => getCondition(object, type);

/** A Cluster whose infrastructure is `infra` (created too) and whose control plane is the KCP `controlPlaneName`. */
async function clusterWith(
  name: string,
  infraType: ResourceType,
  infra: Partial<KubeObject>,
  controlPlaneName = name,
): Promise<Cluster> {
  const cluster = await client.create(capiTypes.cluster, {
    metadata: key(name),
    spec: {
      clusterNetwork: {
        pods: { cidrBlocks: ['192.168.0.0/16'] },
        services: { cidrBlocks: ['172.26.0.0/16'] },
      },
      controlPlaneRef: { apiGroup: KamajiControlPlane.group, kind: 'KamajiControlPlane', name: controlPlaneName },
      infrastructureRef: { apiGroup: infraType.group, kind: infraType.kind, name },
    },
  });
  await client.create(infraType, {
    apiVersion: `${infraType.group}/${infraType.version}`,
    kind: infraType.kind,
    spec: {},
    ...infra,
    metadata: { ...key(name), ...infra.metadata },
  } as KubeObject);
  return cluster;
}

/** Cluster API's part: the Cluster owns the control plane. */
async function adopt(cluster: Cluster, name: string): Promise<void> {
  await client.mergePatch(KamajiControlPlane, key(name), {
    metadata: { ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] },
  });
}

/** A v1alpha2 control plane owned by the Cluster of the same name. */
async function controlPlane(cluster: Cluster, spec: Record<string, unknown>): Promise<void> {
  const name = cluster.metadata.name ?? '';
  await client.create(KamajiControlPlane, {
    apiVersion: KamajiControlPlane.apiVersion,
    kind: 'KamajiControlPlane',
    metadata: { ...key(name), ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] },
    spec: { version: 'v1.33.0', dataStoreName: 'default', ...spec },
  } as KamajiControlPlane);
}

async function readyControlPlane(name: string): Promise<KamajiControlPlane> {
  return await eventually(async () => {
    const kcp = await client.get(KamajiControlPlane, key(name));
    expect(kcp.status?.ready).toBe(true);
    expect(conditionOf(kcp, 'Available')?.status).toBe('True');
    return kcp;
  });
}

describe('the seed: Kamaji on Packet, v1alpha1 manifest applied unchanged', () => {
  it('creates the TenantControlPlane, patches the PacketCluster, copies the secrets and becomes ready', async () => {
    const cluster = await clusterWith(
      'capi-quickstart',
      PacketCluster,
      {
        metadata: { annotations: { 'cluster.x-k8s.io/managed-by': 'kamaji' } },
        spec: { metro: 'REDACTED', projectID: 'REDACTED' },
      },
      'capi-equinix-control-plane',
    );
    const seed = parse(readFileSync(new URL('../fixtures/seed-packet-control-plane.yaml', import.meta.url), 'utf8'));
    await client.create(KamajiControlPlaneV1alpha1, seed);
    const name = 'capi-equinix-control-plane';

    const waiting = await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key(name));
      expect(conditionOf(kcp, 'TenantControlPlaneCreated')?.reason).toBe('WaitingForCluster');
      return kcp;
    });
    expect(waiting.status?.ready).toBe(false);
    await adopt(cluster, name);

    const tcp = await eventually(async () => await client.get(TenantControlPlane, key(name)));
    expect(tcp.spec.kubernetes.version).toBe('v1.27.0');
    expect(tcp.spec.dataStore).toBe('default');
    expect(tcp.spec.networkProfile).toMatchObject({ serviceCidrs: ['172.26.0.0/16'], podCidrs: ['192.168.0.0/16'] });
    expect(tcp.spec.kubernetes.kubelet.preferredAddressTypes).toEqual(['ExternalIP', 'InternalIP', 'Hostname']);
    expect(tcp.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'KamajiControlPlane', name, controller: true });

    const packet = await eventually(async () => {
      const object = await client.get(PacketCluster, key('capi-quickstart'));
      expect(object.status?.ready).toBe(true);
      return object;
    });
    expect(packet.spec.controlPlaneEndpoint).toEqual({ host: '203.0.113.10', port: 6443 });

    await actAsClusterApi(client, namespace, 'capi-quickstart', name);

    const kcp = await readyControlPlane(name);
    expect(kcp.status).toMatchObject({
      initialization: { controlPlaneInitialized: true },
      version: 'v1.27.0',
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 2,
      selector: `kamaji.clastix.io/name=${name}`,
    });
    for (const type of [
      'TenantControlPlaneCreated',
      'TenantControlPlaneAddressReady',
      'ControlPlaneEndpointPatched',
      'InfrastructureClusterPatched',
      'KubeadmResourcesCreated',
      'KamajiControlPlaneIsReady',
    ]) {
      expect(conditionOf(kcp, type)?.status, type).toBe('True');
    }

    const kubeconfig = await client.get(builtin.secret, key('capi-quickstart-kubeconfig'));
    const admin = await client.get(builtin.secret, key(`${name}-admin-kubeconfig`));
    expect(kubeconfig.type).toBe('cluster.x-k8s.io/secret');
    expect(kubeconfig.data?.value).toBe(admin.data?.['admin.conf']);
    expect(kubeconfig.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/cluster-name': 'capi-quickstart',
      'kamaji.clastix.io/component': 'capi',
      'kamaji.clastix.io/secret': 'kubeconfig',
      'kamaji.clastix.io/cluster': 'capi-quickstart',
      'kamaji.clastix.io/tcp': name,
    });
    expect(kubeconfig.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'KamajiControlPlane', controller: true });
    const ca = await client.get(builtin.secret, key('capi-quickstart-ca'));
    const kamajiCa = await client.get(builtin.secret, key(`${name}-ca`));
    expect(ca.type).toBe('cluster.x-k8s.io/secret');
    expect(ca.data).toEqual({ 'tls.crt': kamajiCa.data?.['ca.crt'], 'tls.key': kamajiCa.data?.['ca.key'] });
    expect(ca.metadata.labels?.['kamaji.clastix.io/secret']).toBe('ca');

    const old = await client.get(KamajiControlPlaneV1alpha1, key(name));
    expect(old.status).toMatchObject({
      initialized: true,
      ready: true,
      readyReplicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 0,
    });
  });

  it('writes nothing when a reconcile finds nothing to change', async () => {
    /** A Cluster event reconciles the control plane again; everything is already in place. */
    const reconcileAgain = async (tag: string) => {
      const before = await h.reconciles('kamajicontrolplane');
      await client.mergePatch(capiTypes.cluster, key('capi-quickstart'), {
        metadata: { annotations: { 'example.com/touched': tag } },
      });
      await eventually(async () => expect(await h.reconciles('kamajicontrolplane')).toBeGreaterThan(before));
    };
    expect(await writesOnceSettled({ client: h.manager.client, reconcileAgain })).toEqual([]);
  });
});

describe('infrastructure clusters', () => {
  it('gives an OpenStackCluster apiServerFixedIP and apiServerPort', async () => {
    const cluster = await clusterWith('openstack', OpenStackCluster, {});
    await controlPlane(cluster, { network: { serviceType: 'LoadBalancer', serviceAddress: '198.51.100.7' } });
    const infra = await eventually(async () => {
      const object = await client.get(OpenStackCluster, key('openstack'));
      expect(object.spec.apiServerFixedIP).toBe('198.51.100.7');
      return object;
    });
    expect(infra.spec.apiServerPort).toBe(6443);
    expect(infra.status?.ready).toBeUndefined();
  });

  it('gives an LXCCluster managed by kamaji its endpoint and readiness', async () => {
    const cluster = await clusterWith('lxc', LXCCluster, {
      metadata: { annotations: { 'cluster.x-k8s.io/managed-by': 'kamaji' } },
    });
    await controlPlane(cluster, {});
    const infra = await eventually(async () => {
      const object = await client.get(LXCCluster, key('lxc'));
      expect(object.status?.ready).toBe(true);
      return object;
    });
    expect(infra.spec.controlPlaneEndpoint).toEqual({ host: '203.0.113.10', port: 6443 });
  });

  it('patches a kind listed as dynamic and reports an unsupported one', async () => {
    const dynamic = await clusterWith('dynamic', ExampleCluster, {});
    await controlPlane(dynamic, {});
    await eventually(async () => {
      const object = await client.get(ExampleCluster, key('dynamic'));
      expect(object.spec.controlPlaneEndpoint).toEqual({ host: '203.0.113.10', port: 6443 });
    });
    const other = await clusterWith('other', OtherCluster, {});
    await controlPlane(other, {});
    const kcp = await eventually(async () => {
      const object = await client.get(KamajiControlPlane, key('other'));
      expect(conditionOf(object, 'InfrastructureClusterPatched')?.reason).toBe('UnsupportedInfrastructure');
      return object;
    });
    expect(conditionOf(kcp, 'InfrastructureClusterPatched')?.message).toContain(
      'unsupported infrastructure provider OtherCluster',
    );
  });
});

describe('waiting for Kamaji', () => {
  it('reports a missing address until Kamaji publishes one', async () => {
    simulator.hold(key('slow'));
    const cluster = await clusterWith('slow', ExampleCluster, {});
    await controlPlane(cluster, {});
    const waiting = await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('slow'));
      expect(conditionOf(kcp, 'TenantControlPlaneAddressReady')?.status).toBe('False');
      return kcp;
    });
    expect(conditionOf(waiting, 'TenantControlPlaneAddressReady')?.message).toBe(
      'Control Plane Endpoint is not yet available',
    );
    expect(waiting.spec.controlPlaneEndpoint).toBeUndefined();
    simulator.release(key('slow'));
    await client.mergePatch(TenantControlPlane, key('slow'), {
      metadata: { annotations: { 'example.com/poke': '1' } },
    });
    await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('slow'));
      expect(kcp.spec.controlPlaneEndpoint).toEqual({ host: '203.0.113.10', port: 6443 });
    });
  });
});

describe('day two', () => {
  it('upgrades one minor version, refuses skipping one, and scales', async () => {
    const cluster = await clusterWith('upgrade', ExampleCluster, {});
    await controlPlane(cluster, { version: '1.32.4' });
    await actAsClusterApi(client, namespace, 'upgrade');
    await readyControlPlane('upgrade');

    await client.mergePatch(KamajiControlPlane, key('upgrade'), { spec: { version: '1.33.1', replicas: 3 } });
    const upgraded = await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('upgrade'));
      expect(kcp.status?.version).toBe('v1.33.1');
      expect(kcp.status?.replicas).toBe(3);
      return kcp;
    });
    expect(upgraded.status?.ready).toBe(true);
    expect((await client.get(TenantControlPlane, key('upgrade'))).spec.controlPlane.deployment?.replicas).toBe(3);

    await client.mergePatch(KamajiControlPlane, key('upgrade'), { spec: { version: '1.35.0' } });
    const refused = await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('upgrade'));
      expect(conditionOf(kcp, 'TenantControlPlaneCreated')?.reason).toBe('UnsupportedVersionChange');
      return kcp;
    });
    expect(conditionOf(refused, 'TenantControlPlaneCreated')?.message).toContain('skips a minor version');
    expect((await client.get(TenantControlPlane, key('upgrade'))).spec.kubernetes.version).toBe('v1.33.1');

    await client.mergePatch(KamajiControlPlane, key('upgrade'), { spec: { version: '1.32.0' } });
    await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('upgrade'));
      expect(conditionOf(kcp, 'TenantControlPlaneCreated')?.message).toContain('downgrading');
    });
  });

  it('scales through the /scale subresource', async () => {
    await h.env.transport.request({
      method: 'PATCH',
      path: '/apis/controlplane.cluster.x-k8s.io/v1alpha2/namespaces/default/kamajicontrolplanes/openstack/scale',
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 1 } },
    });
    await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('openstack'));
      expect((await client.get(TenantControlPlane, key('openstack'))).spec.controlPlane.deployment?.replicas).toBe(1);
      return kcp;
    });
  });

  it('stops while the Cluster is paused and resumes after', async () => {
    await client.mergePatch(capiTypes.cluster, key('lxc'), { spec: { paused: true } });
    await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('lxc'));
      expect(conditionOf(kcp, 'Paused')?.status).toBe('True');
    });
    await client.mergePatch(KamajiControlPlane, key('lxc'), { spec: { replicas: 4 } });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await client.get(TenantControlPlane, key('lxc'))).spec.controlPlane.deployment?.replicas).toBe(2);
    await client.mergePatch(capiTypes.cluster, key('lxc'), { spec: { paused: false } });
    await eventually(async () => {
      expect((await client.get(TenantControlPlane, key('lxc'))).spec.controlPlane.deployment?.replicas).toBe(4);
      const kcp = await client.get(KamajiControlPlane, key('lxc'));
      expect(conditionOf(kcp, 'Paused')?.status).toBe('False');
    });
  });

  it('shows a TenantControlPlane refused by an admission webhook as a condition, without retrying it', async () => {
    // Kamaji's webhook cannot run here; a ValidatingAdmissionPolicy refuses the write the same way.
    const policy = resourceType(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicy',
      'validatingadmissionpolicies',
      false,
    );
    const binding = resourceType(
      'admissionregistration.k8s.io/v1',
      'ValidatingAdmissionPolicyBinding',
      'validatingadmissionpolicybindings',
      false,
    );
    await client.create(policy, {
      metadata: { name: 'simulated-kamaji-webhook' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ['kamaji.clastix.io'],
              apiVersions: ['*'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['tenantcontrolplanes'],
            },
          ],
        },
        validations: [
          {
            expression:
              '!has(object.spec.controlPlane.deployment) || object.spec.controlPlane.deployment.replicas <= 5',
            message: 'simulated Kamaji webhook: at most 5 replicas',
          },
        ],
      },
    } as KubeObject);
    await client.create(binding, {
      metadata: { name: 'simulated-kamaji-webhook' },
      spec: { policyName: 'simulated-kamaji-webhook', validationActions: ['Deny'] },
    } as KubeObject);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the API server loads policies asynchronously
    const writes: string[] = [];
    const unsubscribe = h.manager.client.observe((method, path) => {
      if (method !== 'GET' && path.includes('/tenantcontrolplanes/openstack')) writes.push(method);
    });
    await client.mergePatch(KamajiControlPlane, key('openstack'), { spec: { replicas: 7 } });
    const kcp = await eventually(async () => {
      const object = await client.get(KamajiControlPlane, key('openstack'));
      expect(conditionOf(object, 'TenantControlPlaneCreated')?.reason).toBe('TenantControlPlaneRejected');
      return object;
    });
    expect(conditionOf(kcp, 'TenantControlPlaneCreated')?.message).toContain('at most 5 replicas');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    unsubscribe();
    expect(writes.length).toBeLessThanOrEqual(2);
    await client.delete(binding, { name: 'simulated-kamaji-webhook' });
    await client.delete(policy, { name: 'simulated-kamaji-webhook' });
  });

  it('reports a spec Kamaji cannot serve as a condition', async () => {
    const cluster = await clusterWith('bad-sans', ExampleCluster, {});
    await controlPlane(cluster, { network: { serviceType: 'LoadBalancer', certSANs: ['api.example.com:6443'] } });
    const kcp = await eventually(async () => {
      const object = await client.get(KamajiControlPlane, key('bad-sans'));
      expect(conditionOf(object, 'TenantControlPlaneCreated')?.reason).toBe('InvalidSpec');
      return object;
    });
    expect(conditionOf(kcp, 'TenantControlPlaneCreated')?.message).toContain('api.example.com:6443');
    expect(await client.getOptional(TenantControlPlane, key('bad-sans'))).toBeUndefined();
  });

  it('is deleted without waiting and leaves its TenantControlPlane to the garbage collector', async () => {
    const tcp = await client.get(TenantControlPlane, key('dynamic'));
    const kcp = await client.get(KamajiControlPlane, key('dynamic'));
    expect(tcp.metadata.ownerReferences).toEqual([
      expect.objectContaining({ uid: kcp.metadata.uid, controller: true, blockOwnerDeletion: true }),
    ]);
    await client.delete(KamajiControlPlane, key('dynamic'));
    await eventually(async () => {
      expect(await client.getOptional(KamajiControlPlane, key('dynamic'))).toBeUndefined();
    });
  });
});
