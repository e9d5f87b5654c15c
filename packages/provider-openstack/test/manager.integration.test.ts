import {
  builtin,
  createCertificateAuthority,
  issueCertificate,
  KubeClient,
  type Manager,
  silentLogger,
  WebhookServer,
} from '@capi-ts/sdk';
import { clusterApiCrdDirectory, eventually, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStackCrds } from '../src/api/crds.js';
import { OpenStackServer } from '../src/api/v1alpha1/openstack-server.js';
import { createManager } from '../src/manager.js';
import { KeystoneSession, neutron } from '../src/openstack/index.js';
import { openStackWebhooks } from '../src/webhooks/index.js';
import { demoCloudsYaml, type OpenStackSimulator, startOpenStackSimulator } from '../test-support/index.js';
import { cloudConfigFor } from './contract/sessions.js';

// The manager as the container runs it (createManager from the command line), against a real API server and the
// simulator: credentials from an identityRef Secret reach the controllers, and the webhook server answers.

let env: TestEnvironment;
let cloud: OpenStackSimulator;
let manager: Manager;
let webhooks: WebhookServer;
let caCert: string;
const stop = new AbortController();
let running: Promise<void>;

beforeAll(async () => {
  cloud = await startOpenStackSimulator({ seed: 11 });
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory(), ...openStackCrds] });
  const ca = await createCertificateAuthority('capo-test-ca', { keyAlgorithm: 'ecdsa' });
  caCert = ca.cert;
  const cert = await issueCertificate(ca, {
    commonName: 'capo-webhook',
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  webhooks = new WebhookServer({ host: '127.0.0.1', port: 0, cert, logger: silentLogger() });
  manager = createManager(
    ['--metrics-bind-address=0', '--health-probe-bind-address=0', '--scope-cache-max-size=2', '--namespace=default'],
    { kubeConfig: env.kubeConfig, logger: silentLogger(), webhookServer: webhooks },
  );
  running = manager.start(stop.signal);
}, 120_000);

afterAll(async () => {
  stop.abort();
  await running?.catch(() => undefined);
  await env?.stop();
  await cloud?.stop();
});

describe('the provider manager', () => {
  it("serves CAPO's validating webhooks at their paths", async () => {
    const port = await webhooks.whenListening();
    const dispatcher = new Agent({ connect: { ca: caCert } });
    // A path nobody registered is 404; each of CAPO's webhook paths has a handler (an empty review is refused as such).
    const post = (path: string) =>
      fetch(`https://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }),
        dispatcher,
      });
    expect((await post('/validate-nothing')).status).toBe(404);
    for (const { path } of openStackWebhooks) expect((await post(path)).status, path).toBe(400);
    await dispatcher.close();
  });

  it('creates and deletes an OpenStackServer with the credentials of its identityRef Secret', async () => {
    const client = new KubeClient(env.kubeConfig);
    await client.create(builtin.secret, {
      metadata: { namespace: 'default', name: 'cloud-config' },
      stringData: { 'clouds.yaml': demoCloudsYaml(cloud) },
    });
    const demo = new KeystoneSession(cloudConfigFor(cloud, 'demo'));
    const network = await neutron.createNetwork(demo, { name: 'managed' });
    const subnet = await neutron.createSubnet(demo, {
      network_id: network.id,
      name: 'managed',
      cidr: '10.7.0.0/24',
      ip_version: 4,
    });
    await client.create(OpenStackServer, {
      apiVersion: OpenStackServer.apiVersion,
      kind: OpenStackServer.kind,
      metadata: { namespace: 'default', name: 'managed' },
      spec: {
        flavor: 'm1.small',
        image: { filter: { name: 'ubuntu-2404-kube-v1.35.0' } },
        identityRef: { name: 'cloud-config', cloudName: 'openstack' },
        sshKeyName: '',
        ports: [{ network: { id: network.id } }],
      },
    } as OpenStackServer);
    await eventually(
      async () =>
        expect((await client.get(OpenStackServer, { namespace: 'default', name: 'managed' })).status?.ready).toBe(true),
      { timeoutMs: 30_000 },
    );
    await client.delete(OpenStackServer, { namespace: 'default', name: 'managed' });
    await eventually(
      async () =>
        expect(await client.getOptional(OpenStackServer, { namespace: 'default', name: 'managed' })).toBeUndefined(),
      { timeoutMs: 30_000 },
    );
    await neutron.deleteSubnet(demo, subnet.id);
    await neutron.deleteNetwork(demo, network.id);
    await demo.close();
    await cloud.clock.whenIdle();
    expect(cloud.leftovers()).toEqual([]);
  }, 60_000);
});
