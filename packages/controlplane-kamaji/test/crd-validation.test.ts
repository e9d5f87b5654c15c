import { readFileSync } from 'node:fs';
import { ApiError, KubeClient, type KubeObject } from '@capi-ts/sdk';
import { startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../src/api/crds.js';
import { KamajiControlPlaneV1alpha1 } from '../src/api/v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlane } from '../src/api/v1alpha2/kamaji-control-plane.js';
import { KamajiControlPlaneTemplate } from '../src/api/v1alpha2/kamaji-control-plane-template.js';

// The generated CRDs, served by a real API server: defaults and CEL rules behave as upstream's.

let env: TestEnvironment;
let client: KubeClient;

beforeAll(async () => {
  env = await startTestEnvironment({ crds: [kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd] });
  client = new KubeClient(env.kubeConfig);
}, 120_000);
afterAll(async () => env?.stop());

function controlPlane(name: string, spec: Record<string, unknown>): KamajiControlPlane {
  return {
    apiVersion: KamajiControlPlane.apiVersion,
    kind: 'KamajiControlPlane',
    metadata: { name, namespace: 'default' },
    spec: { version: 'v1.33.0', ...spec },
  } as KamajiControlPlane;
}

async function rejection(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (err) {
    if (err instanceof ApiError && err.code === 422) return err.message;
    throw err;
  }
  throw new Error('the API server accepted the object');
}

describe('KamajiControlPlane CRD on a real API server', () => {
  it('accepts the seed v1alpha1 manifest unchanged and applies upstream defaults', async () => {
    const seed = parse(readFileSync(new URL('./fixtures/seed-packet-control-plane.yaml', import.meta.url), 'utf8'));
    const created = await client.create(KamajiControlPlaneV1alpha1, seed as KamajiControlPlaneV1alpha1);
    expect(created.spec.version).toBe('1.27.0');
    const stored = await client.get(KamajiControlPlane, { namespace: 'default', name: 'capi-equinix-control-plane' });
    expect(stored.spec.registry).toBe('registry.k8s.io');
    expect(stored.spec.network.serviceType).toBe('LoadBalancer');
    expect(stored.spec.kubelet.preferredAddressTypes).toEqual(['ExternalIP', 'InternalIP', 'Hostname']);
    expect(KamajiControlPlane.parse(stored).spec.replicas).toBe(2);
  });

  it('defaults network, kubelet, replicas and konnectivity like upstream', async () => {
    const created = await client.create(
      KamajiControlPlane,
      controlPlane('defaults', { addons: { konnectivity: {} } }) as KamajiControlPlane,
    );
    expect(created.spec.replicas).toBe(2);
    expect(created.spec.network).toEqual({ serviceType: 'LoadBalancer' });
    expect(created.spec.kubelet).toEqual({
      cgroupfs: 'systemd',
      preferredAddressTypes: ['InternalIP', 'ExternalIP', 'Hostname'],
    });
    expect(created.spec.addons?.konnectivity?.server).toEqual({
      image: 'registry.k8s.io/kas-network-proxy/proxy-server',
      port: 8132,
    });
    expect(created.spec.addons?.konnectivity?.agent).toMatchObject({
      image: 'registry.k8s.io/kas-network-proxy/proxy-agent',
      mode: 'DaemonSet',
      hostNetwork: false,
      tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
    });
  });

  it('requires spec.version', async () => {
    const object = controlPlane('no-version', {}) as KubeObject & { spec: Record<string, unknown> };
    delete object.spec.version;
    expect(await rejection(client.create(KamajiControlPlane, object as KamajiControlPlane))).toMatch(
      /spec\.version: Required value/,
    );
  });

  it('rejects load balancer options unless serviceType is LoadBalancer', async () => {
    const ranges = controlPlane('ranges', {
      network: { serviceType: 'ClusterIP', loadBalancerConfig: { loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    });
    expect(await rejection(client.create(KamajiControlPlane, ranges))).toContain(
      'LoadBalancerSourceRanges are supported only with LoadBalancer service type',
    );
    const lbClass = controlPlane('class', {
      network: { serviceType: 'NodePort', loadBalancerConfig: { loadBalancerClass: 'metallb' } },
    });
    expect(await rejection(client.create(KamajiControlPlane, lbClass))).toContain(
      'LoadBalancerClass is supported only with LoadBalancer service type',
    );
  });

  it('keeps dataStoreUsername and loadBalancerClass immutable', async () => {
    const created = await client.create(
      KamajiControlPlane,
      controlPlane('immutable', {
        dataStoreUsername: 'tenant-a',
        network: { serviceType: 'LoadBalancer', loadBalancerConfig: { loadBalancerClass: 'metallb' } },
      }),
    );
    const key = { namespace: 'default', name: created.metadata.name ?? '' };
    expect(
      await rejection(client.mergePatch(KamajiControlPlane, key, { spec: { dataStoreUsername: 'tenant-b' } })),
    ).toContain('changing the dataStoreUsername is not supported');
    expect(
      await rejection(
        client.mergePatch(KamajiControlPlane, key, {
          spec: { network: { loadBalancerConfig: { loadBalancerClass: 'other' } } },
        }),
      ),
    ).toContain('LoadBalancerClass is immutable');
    expect(
      await rejection(
        client.mergePatch(KamajiControlPlane, key, {
          spec: { network: { loadBalancerConfig: { loadBalancerClass: null } } },
        }),
      ),
    ).toContain('LoadBalancerClass cannot be set or unset at runtime');
  });

  it('rejects konnectivity agent replicas in DaemonSet mode and unknown enum values', async () => {
    const agent = controlPlane('agent', { addons: { konnectivity: { agent: { mode: 'DaemonSet', replicas: 2 } } } });
    expect(await rejection(client.create(KamajiControlPlane, agent))).toContain(
      'replicas must be 0 (or unset) when mode is DaemonSet',
    );
    const admission = controlPlane('admission', { admissionControllers: ['NoSuchPlugin'] });
    expect(await rejection(client.create(KamajiControlPlane, admission))).toMatch(/Unsupported value: "NoSuchPlugin"/);
  });

  it('serves /scale on spec.replicas', async () => {
    await client.create(KamajiControlPlane, controlPlane('scaled', { replicas: 1 }));
    await env.transport.request({
      method: 'PATCH',
      path: '/apis/controlplane.cluster.x-k8s.io/v1alpha2/namespaces/default/kamajicontrolplanes/scaled/scale',
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 3 } },
    });
    const scaled = await client.get(KamajiControlPlane, { namespace: 'default', name: 'scaled' });
    expect(scaled.spec.replicas).toBe(3);
  });

  it('requires template metadata to be non-empty when given (v1alpha2 template)', async () => {
    const template = {
      apiVersion: KamajiControlPlaneTemplate.apiVersion,
      kind: 'KamajiControlPlaneTemplate',
      metadata: { name: 'empty-metadata', namespace: 'default' },
      spec: { template: { metadata: {}, spec: {} } },
    } as KamajiControlPlaneTemplate;
    expect(await rejection(client.create(KamajiControlPlaneTemplate, template))).toMatch(
      /spec\.template\.metadata: Invalid value: 0: spec\.template\.metadata in body should have at least 1 properties/,
    );
  });
});
