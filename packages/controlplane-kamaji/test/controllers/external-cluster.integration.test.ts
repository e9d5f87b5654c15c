import {
  builtin,
  type Cluster,
  ClusterCache,
  capiTypes,
  createLogger,
  getCondition,
  KubeClient,
  type KubeObject,
  Manager,
  ownerReferenceTo,
  silentLogger,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, eventually, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import { kamajiControlPlaneController } from '../../src/controllers/kamajicontrolplane/controller.js';
import { parseFeatureGates } from '../../src/controllers/kamajicontrolplane/features.js';
import {
  CONTROL_PLANE_ANNOTATION,
  EXTERNAL_CLUSTER_FINALIZER,
} from '../../src/controllers/kamajicontrolplane/tenant-placement.js';
import { TenantControlPlane } from '../../src/kamaji/tenant-control-plane.js';
import { actAsClusterApi } from '../support/cluster-api-stand-in.js';
import { type ConversionServer, startConversionServer } from '../support/conversion-server.js';
import { infrastructureCrds, PacketCluster } from '../support/infrastructure-kinds.js';
import { tenantControlPlaneCrd } from '../support/kamaji-crds.js';
import { kamajiSimulator } from '../support/kamaji-simulator/simulator.js';

// `spec.deployment.externalClusterReference` with two real API servers: the management cluster holds the Cluster,
// the KamajiControlPlane and the kubeconfig Secret of the external cluster; the external cluster holds the
// TenantControlPlane (`kcp-<uid>` in the deployment namespace) and Kamaji, played by the simulator running there.

const namespace = 'default';
const deploymentNamespace = 'tenants';
let management: TestEnvironment;
let external: TestEnvironment;
let conversion: ConversionServer;
let client: KubeClient;
let externalClient: KubeClient;
const stop = new AbortController();
const running: Promise<void>[] = [];
const key = (name: string) => ({ namespace, name });

function newManager(env: TestEnvironment): Manager {
  return new Manager({
    kubeConfig: env.kubeConfig,
    logger: process.env.KAMAJI_TEST_LOG ? createLogger() : silentLogger(),
    metricsBindAddress: '0',
    healthProbeBindAddress: '0',
  });
}

beforeAll(async () => {
  conversion = await startConversionServer();
  [management, external] = await Promise.all([
    startTestEnvironment({
      crds: [clusterApiCrdDirectory(), ...conversion.crds, tenantControlPlaneCrd, ...infrastructureCrds],
    }),
    startTestEnvironment({ crds: [tenantControlPlaneCrd] }),
  ]);
  client = new KubeClient(management.kubeConfig);
  externalClient = new KubeClient(external.kubeConfig);
  await externalClient.create(builtin.namespace, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: deploymentNamespace },
  });

  const manager = newManager(management);
  const clusterCache = new ClusterCache({ cache: manager.cache });
  manager.add(clusterCache);
  manager.add(
    kamajiControlPlaneController({
      manager,
      features: parseFeatureGates('ExternalClusterReference=true'),
      clusterCache,
    }),
  );
  const kamaji = newManager(external);
  kamaji.add(kamajiSimulator(kamaji).controller);
  running.push(manager.start(stop.signal), kamaji.start(stop.signal));
}, 120_000);

afterAll(async () => {
  stop.abort();
  await Promise.all(running);
  await Promise.all([management?.stop(), external?.stop()]);
  await conversion?.stop();
});

async function clusterWithControlPlane(
  name: string,
  externalClusterReference: Record<string, unknown>,
): Promise<Cluster> {
  const cluster = await client.create(capiTypes.cluster, {
    metadata: key(name),
    spec: {
      clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } },
      controlPlaneRef: { apiGroup: KamajiControlPlane.group, kind: 'KamajiControlPlane', name },
      infrastructureRef: { apiGroup: PacketCluster.group, kind: 'PacketCluster', name },
    },
  });
  await client.create(PacketCluster, {
    apiVersion: `${PacketCluster.group}/${PacketCluster.version}`,
    kind: 'PacketCluster',
    metadata: { ...key(name), annotations: { 'cluster.x-k8s.io/managed-by': 'kamaji' } },
    spec: {},
  } as never);
  await client.create(KamajiControlPlane, {
    apiVersion: KamajiControlPlane.apiVersion,
    kind: 'KamajiControlPlane',
    metadata: { ...key(name), ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })] },
    spec: { version: 'v1.33.0', dataStoreName: 'default', deployment: { externalClusterReference } },
  } as KamajiControlPlane);
  return cluster;
}

async function condition(name: string, type: string) {
  return getCondition(await client.get(KamajiControlPlane, key(name)), type);
}

const reference = {
  kubeconfigSecretName: 'external-kubeconfig',
  kubeconfigSecretKey: 'kubeconfig',
  deploymentNamespace,
};

describe('a TenantControlPlane in an external cluster', () => {
  it('waits for the kubeconfig Secret, then runs the control plane in the external cluster', async () => {
    await clusterWithControlPlane('remote', reference);
    await eventually(async () =>
      expect((await condition('remote', 'FoundExternalReferenceClient'))?.reason).toBe('KubeconfigSecretMissing'),
    );

    await client.create(builtin.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: key('external-kubeconfig'),
      data: { kubeconfig: Buffer.from(external.kubeconfigYaml).toString('base64') },
    } as KubeObject);
    const kcp = await eventually(async () => {
      const object = await client.get(KamajiControlPlane, key('remote'));
      expect(object.metadata.finalizers).toContain(EXTERNAL_CLUSTER_FINALIZER);
      return object;
    });
    const tcpKey = { namespace: deploymentNamespace, name: `kcp-${kcp.metadata.uid}` };
    const tcp = await eventually(async () => await externalClient.get(TenantControlPlane, tcpKey));
    expect(tcp.metadata.annotations?.[CONTROL_PLANE_ANNOTATION]).toBe('default/remote');
    expect(tcp.metadata.ownerReferences).toBeUndefined();
    expect(tcp.spec.kubernetes.version).toBe('v1.33.0');
    expect(await client.getOptional(TenantControlPlane, key('remote'))).toBeUndefined();

    await actAsClusterApi(client, namespace, 'remote');
    const ready = await eventually(async () => {
      const object = await client.get(KamajiControlPlane, key('remote'));
      expect(object.status?.ready).toBe(true);
      return object;
    });
    expect(getCondition(ready, 'FoundExternalReferenceClient')?.status).toBe('True');
    expect(getCondition(ready, 'KubeadmResourcesCreated')?.status).toBe('True');
    const kubeconfig = await client.get(builtin.secret, key('remote-kubeconfig'));
    const admin = await externalClient.get(builtin.secret, {
      namespace: deploymentNamespace,
      name: `${tcpKey.name}-admin-kubeconfig`,
    });
    expect(kubeconfig.data?.value).toBe(admin.data?.['admin.conf']);
    const ca = await client.get(builtin.secret, key('remote-ca'));
    const kamajiCa = await externalClient.get(builtin.secret, {
      namespace: deploymentNamespace,
      name: `${tcpKey.name}-ca`,
    });
    expect(ca.data?.['tls.crt']).toBe(kamajiCa.data?.['ca.crt']);
  });

  it('follows the TenantControlPlane in the external cluster: scaling shows up in the status', async () => {
    await client.mergePatch(KamajiControlPlane, key('remote'), { spec: { replicas: 3 } });
    await eventually(async () => {
      const kcp = await client.get(KamajiControlPlane, key('remote'));
      expect(kcp.status?.replicas).toBe(3);
      expect(kcp.status?.readyReplicas).toBe(3);
    });
  });

  it('refuses a kubeconfig Secret of another namespace without the cross-namespace feature gate', async () => {
    await clusterWithControlPlane('elsewhere', { ...reference, kubeconfigSecretNamespace: 'kube-system' });
    await eventually(async () => {
      const found = await condition('elsewhere', 'FoundExternalReferenceClient');
      expect(found).toMatchObject({ status: 'False', reason: 'FeatureGateDisabled' });
      expect(found?.message).toContain('ExternalClusterReferenceCrossNamespace');
    });
  });

  it('deletes the external TenantControlPlane before letting the KamajiControlPlane go', async () => {
    const kcp = await client.get(KamajiControlPlane, key('remote'));
    const tcpKey = { namespace: deploymentNamespace, name: `kcp-${kcp.metadata.uid}` };
    await client.delete(KamajiControlPlane, key('remote'));
    await eventually(async () => {
      expect(await externalClient.getOptional(TenantControlPlane, tcpKey)).toBeUndefined();
      expect(await client.getOptional(KamajiControlPlane, key('remote'))).toBeUndefined();
    });
  });
});
