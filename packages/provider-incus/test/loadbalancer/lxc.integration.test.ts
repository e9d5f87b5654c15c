import { capiTypes, ownerReferenceTo } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LXCCluster, lxcClusterResource, lxcMachineResource } from '../../src/api/index.js';
import { isIncusNotFound } from '../../src/incus/errors.js';
import { loadBalancerInstanceName } from '../../src/loadbalancer/index.js';
import {
  type CloudImage,
  deleteInstance,
  ensureCloudImage,
  ensureHaproxyImage,
  ensureHttpsListener,
  ensureIncus,
  IncusCleanup,
  launchContainer,
  type TrustedClientCertificate,
  trustedClientCertificate,
  uniqueName,
  waitForCloudInit,
} from '../../test-support/index.js';
import {
  createClusterWithLXCCluster,
  createSecret,
  type LXCClusterHarness,
  startLXCClusterHarness,
  v1beta2Condition,
} from '../lxccluster/harness.js';
import { createTestBridge, type TestBridge } from './lb-network.js';
import { ask, responderUserData } from './responder.js';

// The lxc load balancer end to end: an haproxy container (the locally built haproxy image stands in for CAPN's)
// in front of two stand-in control-plane containers answering HTTPS on :6443 with their host names; it forwards
// to both, follows a scale-down, and leaves nothing behind when the LXCCluster is deleted. All of them sit on a
// bridge of the test's own (see lb-network.ts).

const incus = await ensureIncus();
const namespace = 'default';

describe.skipIf(!incus.available)('lxc load balancer against the real daemon', () => {
  if (!incus.available) return;
  const { client: admin } = incus;
  const cleanup = new IncusCleanup(admin);
  let harness: LXCClusterHarness;
  let trusted: TrustedClientCertificate;
  let haproxyImage: CloudImage;
  let responderImage: CloudImage;
  let bridge: TestBridge;
  const clusterName = uniqueName('lb');
  const lbName = cleanup.instance(loadBalancerInstanceName(clusterName, namespace));
  const backends = [cleanup.instance(`${clusterName}-cp-a`), cleanup.instance(`${clusterName}-cp-b`)];

  beforeAll(async () => {
    const listener = await ensureHttpsListener(admin);
    trusted = await trustedClientCertificate(admin, uniqueName('lb-test'));
    [haproxyImage, responderImage] = await Promise.all([ensureHaproxyImage(admin), ensureCloudImage(admin)]);
    bridge = await createTestBridge(admin);
    harness = await startLXCClusterHarness();
    await createSecret(harness.client, namespace, 'lxc-secret', {
      server: listener.url,
      'server-crt': listener.serverCertificate,
      'client-crt': trusted.cert,
      'client-key': trusted.key,
    });
    const userData = await responderUserData();
    await Promise.all(
      backends.map((name) =>
        launchContainer(admin, {
          name,
          image: responderImage,
          userData,
          profiles: [bridge.profile],
          config: {
            'user.cluster-name': clusterName,
            'user.cluster-namespace': namespace,
            'user.cluster-role': 'control-plane',
          },
        }),
      ),
    );
    // Serving (and so addressed) before their LXCMachines appear, as the machine controller reports them.
    for (const name of backends) expect((await waitForCloudInit(admin, name)).exitCode).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await harness?.stop();
    await cleanup.run();
    await bridge?.remove();
    await trusted?.remove();
  });

  it('provisions the haproxy instance, sets the endpoint and forwards to both backends', async () => {
    const { cluster } = await createClusterWithLXCCluster(harness.client, namespace, clusterName, {
      secretRef: { name: 'lxc-secret' },
      loadBalancer: { lxc: { instanceSpec: { image: { name: haproxyImage.alias }, profiles: [bridge.profile] } } },
    });
    for (const name of backends) {
      await harness.client.create(lxcMachineResource, {
        apiVersion: lxcMachineResource.apiVersion,
        kind: lxcMachineResource.kind,
        metadata: {
          namespace,
          name,
          labels: { 'cluster.x-k8s.io/cluster-name': clusterName, 'cluster.x-k8s.io/control-plane': '' },
          ownerReferences: [ownerReferenceTo(cluster, { type: capiTypes.cluster })],
        },
        spec: {},
      });
    }
    const lxcCluster: LXCCluster = await eventually(
      async () => {
        const current = await harness.client.get(lxcClusterResource, { namespace, name: clusterName });
        expect(current.status?.initialization?.provisioned).toBe(true);
        expect(v1beta2Condition(current, 'LoadBalancerAvailable')?.status).toBe('True');
        return current;
      },
      { timeoutMs: 90_000 },
    );
    const state = await admin.instances.getState(lbName);
    const lbAddress = lxcCluster.spec?.controlPlaneEndpoint?.host ?? '';
    expect(JSON.stringify(state.network)).toContain(lbAddress);
    expect(lxcCluster.spec?.controlPlaneEndpoint?.port).toBe(6443);

    await eventually(
      async () => {
        const answers = new Set<string>();
        for (let i = 0; i < 8; i++) answers.add(await ask(lbAddress));
        expect([...answers].sort()).toEqual([...backends].sort());
      },
      { timeoutMs: 60_000 },
    );
    await eventually(async () => {
      for (const name of backends) {
        const lxcMachine = await harness.client.get(lxcMachineResource, { namespace, name });
        expect(lxcMachine.status?.loadBalancerConfigured).toBe(true);
      }
    });
  }, 180_000);

  it('follows a scale-down: a removed control-plane machine leaves the haproxy backends', async () => {
    const [kept, removed] = backends as [string, string];
    await deleteInstance(admin, removed);
    await harness.client.delete(lxcMachineResource, { namespace, name: removed });
    const lbAddress = (await harness.client.get(lxcClusterResource, { namespace, name: clusterName })).spec
      ?.controlPlaneEndpoint?.host as string;
    await eventually(
      async () => {
        const config = (await admin.files.pull(lbName, '/etc/haproxy/haproxy.cfg')).content.toString();
        expect(config).toContain(`server ${kept} `);
        expect(config).not.toContain(`server ${removed} `);
        for (let i = 0; i < 4; i++) expect(await ask(lbAddress)).toBe(kept);
      },
      { timeoutMs: 60_000 },
    );
  }, 90_000);

  it('deletion removes the load balancer instance and then the finalizer', async () => {
    await harness.client.delete(lxcClusterResource, { namespace, name: clusterName });
    await eventually(
      async () => {
        expect(await harness.client.getOptional(lxcClusterResource, { namespace, name: clusterName })).toBeUndefined();
      },
      { timeoutMs: 60_000 },
    );
    await expect(admin.instances.getState(lbName)).rejects.toSatisfy(isIncusNotFound);
  }, 90_000);
});
