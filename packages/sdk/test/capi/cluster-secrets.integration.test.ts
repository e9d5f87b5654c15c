import 'reflect-metadata';
import { KubeConfig } from '@kubernetes/client-node';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CapiLabel,
  type Cluster,
  capiTypes,
  certificateSecret,
  clientReader,
  controllerReferenceTo,
  ensureClusterCertificateAuthority,
  ensureKubeconfigSecret,
  generateKubeconfig,
  kubeconfigFromSecret,
  readKubeconfig,
  secretValue,
} from '../../src/capi/index.js';
import { builtin, createCertificateAuthority, KubeClient, KubeTransport, type Secret } from '../../src/index.js';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const ns = 'default';
let env: TestEnvironment;
let client: KubeClient;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
  client = new KubeClient(env.kubeConfig);
});
afterAll(async () => {
  await env?.stop();
});

async function createCluster(name: string, endpoint?: { host: string; port: number }): Promise<Cluster> {
  return await client.create(capiTypes.cluster, {
    metadata: { name, namespace: ns },
    spec: endpoint ? { controlPlaneEndpoint: endpoint } : { clusterNetwork: { pods: { cidrBlocks: ['10.1.0.0/16'] } } },
  });
}

/** Counts the Secret creations the client sends while `fn` runs. */
async function countSecretCreates<T>(fn: () => Promise<T>): Promise<{ result: T; creates: number }> {
  let creates = 0;
  const stop = client.observe((method, path) => {
    if (method === 'POST' && path.endsWith('/secrets')) creates++;
  });
  try {
    return { result: await fn(), creates };
  } finally {
    stop();
  }
}

interface KubeconfigFile {
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
  'current-context': string;
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('the cluster CA Secret', () => {
  it('is generated once, as Cluster API writes it, and adopted afterwards', async () => {
    const cluster = await createCluster('alpha');
    const owner = controllerReferenceTo(cluster, capiTypes.cluster);
    const first = await countSecretCreates(() =>
      ensureClusterCertificateAuthority(client, { namespace: ns, name: 'alpha' }, { owner }),
    );
    expect(first.creates).toBe(1);
    expect(first.result.created).toBe(true);
    const secret = first.result.secret;
    expect(secret.metadata.name).toBe('alpha-ca');
    expect(secret.type).toBe('cluster.x-k8s.io/secret');
    expect(secret.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'alpha' });
    expect(secret.metadata.ownerReferences).toEqual([owner]);
    const ca = new x509.X509Certificate(first.result.cert);
    expect(ca.subject).toBe('CN=kubernetes');
    expect(ca.publicKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(ca.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(first.result.key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);

    const second = await countSecretCreates(() =>
      ensureClusterCertificateAuthority(client, { namespace: ns, name: 'alpha' }, { owner }),
    );
    expect(second.creates).toBe(0);
    expect(second.result.created).toBe(false);
    expect(second.result.cert).toBe(first.result.cert);
    expect(second.result.key).toBe(first.result.key);
  });

  it('keeps a user-provided CA exactly as it is', async () => {
    const userCa = await createCertificateAuthority('my-own-ca', { keyAlgorithm: 'ecdsa' });
    const provided = await client.create(builtin.secret, {
      metadata: { name: 'beta-ca', namespace: ns, labels: { team: 'platform' } },
      type: 'Opaque',
      stringData: { 'tls.crt': userCa.cert, 'tls.key': userCa.key },
    });
    const adopted = await countSecretCreates(() =>
      ensureClusterCertificateAuthority(client, { namespace: ns, name: 'beta' }),
    );
    expect(adopted.creates).toBe(0);
    expect(adopted.result).toMatchObject({ created: false, cert: userCa.cert, key: userCa.key });
    const after = await client.get(builtin.secret, { namespace: ns, name: 'beta-ca' });
    expect(after.metadata.resourceVersion).toBe(provided.metadata.resourceVersion);
    expect(after.type).toBe('Opaque');
    expect(after.metadata.ownerReferences).toBeUndefined();
  });
});

describe('the kubeconfig Secret', () => {
  it('holds an admin kubeconfig that authenticates against a real API server', async () => {
    const server = new URL(env.server);
    const cluster = await createCluster('gamma', { host: server.hostname, port: Number(server.port) });
    // The test API server trusts env.ca (ECDSA) for client certificates: provide it as the cluster CA.
    await client.create(builtin.secret, certificateSecret({ namespace: ns, name: 'gamma' }, 'ca', env.ca));

    const first = await countSecretCreates(() => ensureKubeconfigSecret(client, cluster));
    expect(first.creates).toBe(1);
    expect(first.result.created).toBe(true);
    const secret: Readonly<Secret> = first.result.secret;
    expect(secret.metadata.name).toBe('gamma-kubeconfig');
    expect(secret.type).toBe('cluster.x-k8s.io/secret');
    expect(secret.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'gamma' });
    expect(secret.metadata.ownerReferences).toEqual([
      { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', name: 'gamma', uid: cluster.metadata.uid },
    ]);
    expect(Object.keys(secret.data ?? {})).toEqual(['value']);

    const yaml = kubeconfigFromSecret(secret);
    const file = parse(yaml) as KubeconfigFile;
    expect(file['current-context']).toBe('gamma-admin@gamma');
    expect(file.contexts).toEqual([{ name: 'gamma-admin@gamma', context: { cluster: 'gamma', user: 'gamma-admin' } }]);
    expect(file.clusters[0]?.name).toBe('gamma');
    expect(file.clusters[0]?.cluster.server).toBe(env.server);
    expect(decode(file.clusters[0]?.cluster['certificate-authority-data'] ?? '')).toBe(env.ca.cert);
    expect(file.users[0]?.name).toBe('gamma-admin');
    const clientCert = new x509.X509Certificate(decode(file.users[0]?.user['client-certificate-data'] ?? ''));
    expect(clientCert.subject).toBe('CN=kubernetes-admin, O=system:masters');

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(yaml);
    const transport = new KubeTransport(kubeConfig);
    try {
      const version = await transport.request<{ gitVersion: string }>({ method: 'GET', path: '/version' });
      expect(version.gitVersion).toMatch(/^v1\.36\./);
      const namespaces = await transport.request<{ items: unknown[] }>({ method: 'GET', path: '/api/v1/namespaces' });
      expect(namespaces.items.length).toBeGreaterThan(0);
    } finally {
      transport.close();
    }

    const second = await countSecretCreates(() => ensureKubeconfigSecret(client, cluster));
    expect(second.creates).toBe(0);
    expect(second.result.created).toBe(false);
    expect(second.result.secret.data).toEqual(secret.data);
    expect(await readKubeconfig(clientReader(client), { namespace: ns, name: 'gamma' })).toBe(yaml);
  });

  it('keeps a kubeconfig Secret written by the user, without needing a CA', async () => {
    const cluster = await createCluster('epsilon', { host: '10.0.0.1', port: 6443 });
    const provided = await client.create(builtin.secret, {
      metadata: { name: 'epsilon-kubeconfig', namespace: ns },
      stringData: { value: 'apiVersion: v1\nkind: Config\n' },
    });
    const kept = await ensureKubeconfigSecret(client, cluster);
    expect(kept.created).toBe(false);
    expect(kept.secret.metadata.resourceVersion).toBe(provided.metadata.resourceVersion);
    expect(secretValue(kept.secret, 'value')?.toString('utf8')).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('explains what is missing when it cannot generate one', async () => {
    const noCa = await createCluster('zeta', { host: '10.0.0.1', port: 6443 });
    await expect(ensureKubeconfigSecret(client, noCa)).rejects.toThrow(
      'the cluster CA Secret default/zeta-ca does not exist yet',
    );
    await client.create(builtin.secret, {
      metadata: { name: 'zeta-ca', namespace: ns },
      stringData: { 'tls.crt': env.ca.cert },
    });
    await expect(ensureKubeconfigSecret(client, noCa)).rejects.toThrow('default/zeta-ca has no tls.key');
    const noEndpoint = await createCluster('eta');
    await expect(ensureKubeconfigSecret(client, noEndpoint, { ca: env.ca })).rejects.toThrow(
      'the control plane endpoint has no host or port yet',
    );
    expect(await client.getOptional(builtin.secret, { namespace: ns, name: 'zeta-kubeconfig' })).toBeUndefined();
  });
});

describe('generateKubeconfig with an RSA CA', () => {
  it('signs the client certificate with the CA, whatever the two key algorithms', async () => {
    const ca = await createCertificateAuthority('kubernetes', { keyAlgorithm: 'rsa' });
    const caCert = new x509.X509Certificate(ca.cert);
    for (const keyAlgorithm of ['rsa', 'ecdsa'] as const) {
      const file = parse(
        await generateKubeconfig('delta', 'https://10.0.0.1:6443', ca, { keyAlgorithm }),
      ) as KubeconfigFile;
      const cert = new x509.X509Certificate(decode(file.users[0]?.user['client-certificate-data'] ?? ''));
      expect(await cert.verify({ publicKey: caCert.publicKey, signatureOnly: true })).toBe(true);
      expect(cert.issuer).toBe(caCert.subject);
      expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
      const days = (cert.notAfter.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThan(366);
      expect(file.clusters[0]?.cluster.server).toBe('https://10.0.0.1:6443');
    }
  });
});
