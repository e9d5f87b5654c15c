import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, isInvalid, type KubeObject } from '../../src/index.js';
import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const clusters = '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters';

describe('test environment: a real kube-apiserver + etcd with the Cluster API CRDs', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('serves the Kubernetes version the harness pins', async () => {
    const version = await env.transport.request<{ gitVersion: string }>({ method: 'GET', path: '/version' });
    expect(version.gitVersion).toMatch(/^v1\.36\./);
  });

  it('installs the Cluster API core CRDs', async () => {
    const crds = await env.transport.request<{ items: KubeObject[] }>({
      method: 'GET',
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    });
    const names = crds.items.map((c) => c.metadata.name);
    for (const kind of [
      'clusters',
      'machines',
      'machinesets',
      'machinedeployments',
      'clusterclasses',
      'machinehealthchecks',
    ]) {
      expect(names).toContain(`${kind}.cluster.x-k8s.io`);
    }
  });

  it('creates a Cluster and reads it back', async () => {
    const cluster = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'proof', namespace: 'default' },
      spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
    };
    await env.transport.request({ method: 'POST', path: clusters, body: cluster });
    const read = await env.transport.request<KubeObject & { spec: typeof cluster.spec }>({
      method: 'GET',
      path: `${clusters}/proof`,
    });
    expect(read.metadata.uid).toBeTruthy();
    expect(read.spec.clusterNetwork.pods.cidrBlocks).toEqual(['192.168.0.0/16']);
  });

  it('rejects an invalid Cluster with the schema message of the API server', async () => {
    const invalid = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'invalid', namespace: 'default' },
      spec: { clusterNetwork: { pods: { cidrBlocks: 'not-a-list' } } },
    };
    const err = await env.transport.request({ method: 'POST', path: clusters, body: invalid }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(isInvalid(err)).toBe(true);
    expect((err as ApiError).message).toContain('spec.clusterNetwork.pods.cidrBlocks');
    expect((err as ApiError).message).toMatch(/must be of type array/);
  });
});

describe('test environment: lifecycle', () => {
  it('runs two environments at once and removes everything on stop', async () => {
    const [a, b] = await Promise.all([startTestEnvironment(), startTestEnvironment()]);
    try {
      expect(a.server).not.toBe(b.server);
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'only-in-a' } };
      await a.transport.request({ method: 'POST', path: '/api/v1/namespaces', body: ns });
      const inB = await b.transport
        .request({ method: 'GET', path: '/api/v1/namespaces/only-in-a' })
        .catch((e: ApiError) => e.code);
      expect(inB).toBe(404);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const after = await a.transport.request({ method: 'GET', path: '/readyz' }).catch((e: Error) => e);
    expect(after).toBeInstanceOf(Error);
  });

  it('restarts the API server on the same port without losing data', async () => {
    const env = await startTestEnvironment();
    try {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'survives' } };
      await env.transport.request({ method: 'POST', path: '/api/v1/namespaces', body: ns });
      await env.stopApiServer();
      await env.startApiServer();
      const read = await env.transport.request<KubeObject>({ method: 'GET', path: '/api/v1/namespaces/survives' });
      expect(read.metadata.name).toBe('survives');
    } finally {
      await env.stop();
    }
  });

  it('issues credentials for other users, subject to RBAC', async () => {
    const env = await startTestEnvironment();
    try {
      const { KubeTransport } = await import('../../src/index.js');
      const alice = new KubeTransport(await env.kubeConfigFor('alice'));
      const err = await alice.request({ method: 'GET', path: '/api/v1/namespaces' }).catch((e: ApiError) => e);
      expect((err as ApiError).code).toBe(403);
      expect((err as ApiError).message).toContain('User "alice" cannot list resource "namespaces"');
      alice.close();
    } finally {
      await env.stop();
    }
  });
});
