// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApiError,
  capiTypes,
  createCertificateAuthority,
  issueCertificate,
  KubeClient,
  type KubeObject,
  type Manager,
  silentLogger,
  WebhookServer,
  writeLocalRepository,
} from '@capi-ts/sdk';
import {
  applyStrictly,
  clusterApiCrdDirectory,
  componentsManagerIdentity,
  eventually,
  installedComponents,
  startTestEnvironment,
  type TestEnvironment,
} from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeadmConfigV1beta1 } from '../../src/api/v1beta1/index.js';
import { KubeadmConfig } from '../../src/api/v1beta2/index.js';
import { createManager } from '../../src/manager.js';
import { providerInfo } from '../../src/provider-info.js';
import { releaseComponents, releaseMetadata } from '../../src/release/components.js';
import { createMachineWithConfig, patchClusterStatus } from '../controllers/harness.js';

// The release artifacts install on a real API server; the manager built by main runs with exactly the RBAC they
// grant and serves their webhooks (conversion and validation), which the API server calls. The webhook
// configurations are pointed at the manager's loopback port instead of the in-cluster Service.

const VERSION = 'v0.1.0';
let env: TestEnvironment;
let manager: Manager | undefined;
const stop = new AbortController();
let running: Promise<void> | undefined;
let client: KubeClient;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
  client = new KubeClient(env.kubeConfig);
});
afterAll(async () => {
  stop.abort();
  await running?.catch(() => undefined);
  await env?.stop();
});

const installedObjects = () => installedComponents(releaseComponents(VERSION));

/** The manager's webhook server on loopback with a certificate from a throw-away CA. */
async function loopbackWebhookServer() {
  const ca = await createCertificateAuthority('webhook-test-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, {
    commonName: 'webhook-test',
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  const server = new WebhookServer({ host: '127.0.0.1', port: 0, cert, logger: silentLogger() });
  return { server, caBundle: Buffer.from(ca.cert).toString('base64') };
}

type ClientConfig = { service?: { path?: string }; url?: string; caBundle?: string };

/** Points every webhook client config (CRD conversion, validating webhooks) at `https://127.0.0.1:<port>`. */
function pointWebhooksAt(objects: KubeObject[], port: number, caBundle: string): KubeObject[] {
  const retarget = (config: ClientConfig): ClientConfig => ({
    url: `https://127.0.0.1:${port}${config.service?.path ?? '/'}`,
    caBundle,
  });
  return objects.map((object) => {
    const copy = structuredClone(object) as KubeObject & {
      spec?: { conversion?: { webhook?: { clientConfig: ClientConfig } } };
      webhooks?: { clientConfig: ClientConfig }[];
    };
    const conversion = copy.spec?.conversion?.webhook;
    if (conversion) conversion.clientConfig = retarget(conversion.clientConfig);
    for (const hook of copy.webhooks ?? []) hook.clientConfig = retarget(hook.clientConfig);
    return copy;
  });
}

describe('release artifacts', () => {
  it('writes bootstrap-components.yaml and metadata.yaml in the clusterctl layout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cabpk-release-'));
    try {
      const entry = await writeLocalRepository(dir, {
        provider: { name: providerInfo.name, type: providerInfo.type },
        version: VERSION,
        components: releaseComponents(VERSION),
        metadata: releaseMetadata(),
      });
      expect(entry.files).toEqual(['bootstrap-components.yaml', 'metadata.yaml']);
      expect(entry.directory).toBe(path.join(dir, 'bootstrap-kubeadm', VERSION));
      expect(readFileSync(path.join(entry.directory, 'metadata.yaml'), 'utf8')).toContain('contract: v1beta2');
      const components = readFileSync(path.join(entry.directory, 'bootstrap-components.yaml'), 'utf8');
      expect(components).toContain('--bootstrap-token-ttl=${KUBEADM_BOOTSTRAP_TOKEN_TTL:=15m}');
      expect(components).toContain('KubeadmBootstrapFormatIgnition=${EXP_KUBEADM_BOOTSTRAP_FORMAT_IGNITION:=false}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('installs, runs the manager with only the granted RBAC, and serves the webhooks', async () => {
    const objects = installedObjects();
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([
      'capi-kubeadm-bootstrap-system',
    ]);
    for (const object of objects) {
      expect(object.metadata.labels?.['cluster.x-k8s.io/provider']).toBe('bootstrap-kubeadm');
    }
    expect(objects.find((o) => o.kind === 'ValidatingWebhookConfiguration')).toBeDefined();

    const { server, caBundle } = await loopbackWebhookServer();
    const { kubeConfig, managerFlags } = await componentsManagerIdentity(env, objects);
    manager = createManager([...managerFlags, '--bootstrap-token-ttl=10m'], { kubeConfig, webhookServer: server });
    running = manager.start(stop.signal);
    const port = await server.whenListening();
    // cert-manager is not installed here: its Issuer and Certificate are the only objects left out.
    const installable = objects.filter((o) => !['Issuer', 'Certificate'].includes(o.kind as string));
    await applyStrictly(env.transport, pointWebhooksAt(installable, port, caBundle));
    await manager.elected();

    // Conversion: a v1beta1 manifest is stored as v1beta2 through the webhook.
    await eventually(async () => {
      await client.create(KubeadmConfigV1beta1, {
        apiVersion: KubeadmConfigV1beta1.apiVersion,
        kind: KubeadmConfigV1beta1.kind,
        metadata: { namespace: 'default', name: 'legacy' },
        spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: { 'node-labels': 'a=b' } } } },
      });
    });
    const stored = await client.get(KubeadmConfig, { namespace: 'default', name: 'legacy' });
    expect(stored.spec?.joinConfiguration?.nodeRegistration?.kubeletExtraArgs).toEqual([
      { name: 'node-labels', value: 'a=b' },
    ]);

    // Validation: the admission rules answer through the API server, for both kinds and both versions.
    const rejected = await client
      .create(KubeadmConfig, {
        apiVersion: KubeadmConfig.apiVersion,
        kind: KubeadmConfig.kind,
        metadata: { namespace: 'default', name: 'bad' },
        spec: {
          files: [
            { path: '/a', content: 'x', contentFrom: { secret: { name: 's', key: 'k' } } },
            { path: '/a', content: 'y' },
          ],
        },
      })
      .catch((err: unknown) => err);
    expect(rejected).toBeInstanceOf(ApiError);
    expect((rejected as ApiError).message).toContain('spec.files[0]: Invalid value: ');
    expect((rejected as ApiError).message).toContain(
      'only one of content or contentFrom may be specified for a single file',
    );
    expect((rejected as ApiError).message).toContain('spec.files[1].path: Duplicate value: "/a"');
    const ignition = await client
      .create(KubeadmConfigV1beta1, {
        apiVersion: KubeadmConfigV1beta1.apiVersion,
        kind: KubeadmConfigV1beta1.kind,
        metadata: { namespace: 'default', name: 'ign' },
        spec: { format: 'ignition' },
      })
      .catch((err: unknown) => err);
    expect((ignition as ApiError).message).toContain(
      'spec.format: Forbidden: can be set only if the KubeadmBootstrapFormatIgnition feature gate is enabled',
    );

    // The controller, with the components' RBAC, bootstraps a control plane end to end.
    const cluster = await client.create(capiTypes.cluster, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { namespace: 'default', name: 'rbac' },
      spec: { controlPlaneEndpoint: { host: 'rbac.example.com', port: 6443 } },
    });
    await createMachineWithConfig(client, cluster, 'rbac-cp', {
      controlPlane: true,
      spec: { initConfiguration: { nodeRegistration: { name: 'cp' } } },
    });
    await patchClusterStatus(client, cluster, { infrastructureProvisioned: true });
    await eventually(
      async () => {
        const config = await client.get(KubeadmConfig, { namespace: 'default', name: 'rbac-cp' });
        expect(config.status?.initialization?.dataSecretCreated).toBe(true);
      },
      { timeoutMs: 30_000 },
    );
  });
});
