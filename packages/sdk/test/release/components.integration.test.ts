import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ApiError, type KubeObject, KubeTransport } from '../../src/client/index.js';
import {
  AGGREGATE_TO_CAPI_MANAGER_LABEL,
  buildComponents,
  PROVIDER_LABEL,
  renderComponentsYaml,
  substituteVariables,
} from '../../src/release/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';
import { applyObjects, readObject } from './apply-objects.js';
import { certManagerCrds } from './cert-manager-crds.js';
import { sampleSpec } from './sample-provider.js';

// biome-ignore lint/suspicious/noExplicitAny: test code digs into untyped object trees.
type Loose = any;

const MANAGER = 'system:serviceaccount:capx-system:capx-manager';

describe('components YAML applied to a real API server', () => {
  let env: TestEnvironment;
  let objects: KubeObject[];
  let manager: KubeTransport;

  beforeAll(async () => {
    env = await startTestEnvironment({ crds: certManagerCrds });
    const yaml = substituteVariables(renderComponentsYaml(buildComponents(sampleSpec)), {
      SAMPLE_ENDPOINT: 'https://sample.example.com:8443',
      CAPX_CONCURRENCY: '4',
    });
    objects = parseAllDocuments(yaml).map((document) => document.toJS() as KubeObject);
    await applyObjects(env.transport, objects);
    manager = new KubeTransport(
      await env.kubeConfigFor(MANAGER, ['system:serviceaccounts', 'system:serviceaccounts:capx-system']),
    );
  });
  afterAll(async () => {
    manager?.close();
    await env?.stop();
  });

  it('creates every object, labelled with the provider, with no field the API server does not know', async () => {
    expect(objects).toHaveLength(17);
    for (const object of objects) {
      const stored = await readObject(env.transport, object);
      expect(stored.metadata.uid, `${object.kind} ${object.metadata.name}`).toBeTruthy();
      expect(stored.metadata.labels?.[PROVIDER_LABEL]).toBe('infrastructure-sample');
    }
  });

  it('would reject an unknown field, in a built-in kind as in a cert-manager kind', async () => {
    const deployment = find(objects, 'Deployment') as Loose;
    const certificate = find(objects, 'Certificate') as Loose;
    for (const wrong of [
      { ...deployment, spec: { ...deployment.spec, replica: 2 } },
      { ...certificate, spec: { ...certificate.spec, dnsName: 'typo' } },
    ]) {
      const err = await applyObjects(env.transport, [wrong]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).message).toMatch(/spec\.(replica|dnsName).*(not declared in schema|unknown field)/);
    }
  });

  it('stores the manager Deployment with the variables substituted and defaults applied', async () => {
    const deployment = (await readObject(env.transport, find(objects, 'Deployment'))) as Loose;
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/capx-manager:v0.1.0');
    expect(container.args).toContain('--concurrency=4');
    expect(container.env).toContainEqual({ name: 'SAMPLE_ENDPOINT', value: 'https://sample.example.com:8443' });
    expect(deployment.spec.template.spec.volumes[0].secret.secretName).toBe('capx-webhook-service-cert');
  });

  it('gives the webhook Service a cluster IP and routes it to the webhook port by name', async () => {
    const service = (await readObject(env.transport, find(objects, 'Service'))) as Loose;
    expect(service.spec.clusterIP).toMatch(/^10\.0\.0\.\d+$/);
    expect(service.spec.ports).toEqual([{ port: 443, protocol: 'TCP', targetPort: 'webhook-server' }]);
  });

  it('establishes the CRDs, the multi-version one with webhook conversion through the Service', async () => {
    for (const crd of objects.filter((o) => o.kind === 'CustomResourceDefinition')) {
      const stored = (await readObject(env.transport, crd)) as Loose;
      expect(stored.status.conditions).toContainEqual(expect.objectContaining({ type: 'Established', status: 'True' }));
    }
    const machine = (await readObject(env.transport, find(objects, 'CustomResourceDefinition'))) as Loose;
    expect(machine.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: {
          service: { name: 'capx-webhook-service', namespace: 'capx-system', path: '/convert', port: 443 },
        },
        conversionReviewVersions: ['v1'],
      },
    });
  });

  it('registers the admission webhooks at the Service paths', async () => {
    const validating = (await readObject(env.transport, find(objects, 'ValidatingWebhookConfiguration'))) as Loose;
    expect(validating.webhooks[0].clientConfig.service).toEqual({
      name: 'capx-webhook-service',
      namespace: 'capx-system',
      path: '/validate-infrastructure-cluster-x-k8s-io-v1alpha2-samplemachine',
      port: 443,
    });
    expect(validating.metadata.annotations['cert-manager.io/inject-ca-from']).toBe('capx-system/capx-serving-cert');
  });

  it('keeps the aggregation label on the ClusterRole for Cluster API core', async () => {
    const aggregated = objects.find((o) => o.metadata.labels?.[AGGREGATE_TO_CAPI_MANAGER_LABEL]);
    const stored = await readObject(env.transport, aggregated as KubeObject);
    expect(stored.metadata.labels?.[AGGREGATE_TO_CAPI_MANAGER_LABEL]).toBe('true');
  });

  describe('the manager ServiceAccount is authorised for what was asked, and nothing more', () => {
    it('holds a leader-election Lease in the provider namespace', async () => {
      const leases = '/apis/coordination.k8s.io/v1/namespaces/capx-system/leases';
      const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'capx-leader' } };
      const created = await manager.request<Loose>({
        method: 'POST',
        path: leases,
        body: { ...lease, spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15 } },
      });
      await manager.request({
        method: 'PUT',
        path: `${leases}/capx-leader`,
        body: { ...created, spec: { ...created.spec, holderIdentity: 'pod-b' } },
      });
      const event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'capx-leader.1', namespace: 'capx-system' },
        involvedObject: { kind: 'Lease', name: 'capx-leader', namespace: 'capx-system' },
        reason: 'LeaderElection',
        message: 'pod-b became leader',
      };
      await manager.request({ method: 'POST', path: '/api/v1/namespaces/capx-system/events', body: event });
    });

    it('cannot take a Lease in another namespace', async () => {
      const err = await manager
        .request({
          method: 'POST',
          path: '/apis/coordination.k8s.io/v1/namespaces/default/leases',
          body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'elsewhere' } },
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(403);
    });

    it('gets exactly the access of the cluster and namespace rules', async () => {
      const can = (verb: string, group: string, resource: string, namespace?: string) =>
        allowed(manager, { verb, group, resource, namespace });
      expect(await can('list', 'infrastructure.cluster.x-k8s.io', 'samplemachines')).toBe(true);
      expect(await can('patch', 'infrastructure.cluster.x-k8s.io', 'samplemachines', 'default')).toBe(true);
      expect(await can('watch', 'cluster.x-k8s.io', 'clusters')).toBe(true);
      expect(await can('list', '', 'secrets', 'capx-system')).toBe(true);

      expect(await can('delete', 'infrastructure.cluster.x-k8s.io', 'samplemachines', 'default')).toBe(false);
      expect(await can('update', 'cluster.x-k8s.io', 'clusters', 'default')).toBe(false);
      expect(await can('list', '', 'secrets', 'default')).toBe(false);
      expect(await can('list', '', 'secrets')).toBe(false);
      expect(await can('create', 'apps', 'deployments', 'capx-system')).toBe(false);
      expect(await can('list', 'sample.example.com', 'samplecredentials')).toBe(false);
      expect(await can('create', 'coordination.k8s.io', 'leases', 'kube-system')).toBe(false);
    });
  });
});

function find(objects: KubeObject[], kind: string): KubeObject {
  const found = objects.find((o) => o.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}

/** Asks the API server whether the caller may do something (a SelfSubjectAccessReview). */
async function allowed(
  transport: KubeTransport,
  attributes: { verb: string; group: string; resource: string; namespace?: string },
): Promise<boolean> {
  const review = await transport.request<{ status: { allowed: boolean } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attributes },
    },
  });
  return review.status.allowed;
}
