import { readFileSync } from 'node:fs';
import { CONVERSION_DATA_ANNOTATION, KubeClient } from '@capi-ts/sdk';
import { startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KamajiControlPlaneV1alpha1 } from '../../src/api/v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlaneTemplateV1alpha1 } from '../../src/api/v1alpha1/kamaji-control-plane-template.js';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import { KamajiControlPlaneTemplate } from '../../src/api/v1alpha2/kamaji-control-plane-template.js';
import { type ConversionServer, startConversionServer } from '../support/conversion-server.js';

// v1alpha1 and v1alpha2 objects written and read back in both versions through a real API server that calls the
// provider's conversion webhook.

let env: TestEnvironment;
let client: KubeClient;
let conversion: ConversionServer;
const key = (name: string) => ({ namespace: 'default', name });

beforeAll(async () => {
  conversion = await startConversionServer();
  env = await startTestEnvironment({ crds: conversion.crds });
  client = new KubeClient(env.kubeConfig);
}, 120_000);
afterAll(async () => {
  await env?.stop();
  await conversion?.stop();
});

describe('conversion through the API server', () => {
  it('stores the seed v1alpha1 manifest as v1alpha2 and reads it back in both versions', async () => {
    const seed = parse(readFileSync(new URL('../fixtures/seed-packet-control-plane.yaml', import.meta.url), 'utf8'));
    await client.create(KamajiControlPlaneV1alpha1, seed);
    const hub = await client.get(KamajiControlPlane, key('capi-equinix-control-plane'));
    expect(hub.apiVersion).toBe('controlplane.cluster.x-k8s.io/v1alpha2');
    expect(hub.spec).toMatchObject({ dataStoreName: 'default', replicas: 2, version: '1.27.0' });
    const old = await client.get(KamajiControlPlaneV1alpha1, key('capi-equinix-control-plane'));
    expect(old.apiVersion).toBe('controlplane.cluster.x-k8s.io/v1alpha1');
    expect(old.spec).toEqual(hub.spec);
    expect(old.metadata.annotations?.[CONVERSION_DATA_ANNOTATION]).toBeUndefined();
  });

  it('keeps v1alpha2-only spec fields and status through an update via v1alpha1', async () => {
    await client.create(KamajiControlPlane, {
      apiVersion: KamajiControlPlane.apiVersion,
      kind: 'KamajiControlPlane',
      metadata: key('modern'),
      spec: {
        version: 'v1.33.0',
        network: {
          serviceType: 'LoadBalancer',
          additionalServicePorts: [{ name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 9090 }],
          gateway: { name: 'gw', namespace: 'infra', hostname: 'api.example.com', sectionName: 'https', port: 443 },
        },
      },
    } as unknown as KamajiControlPlane);
    const withStatus = await client.get(KamajiControlPlane, key('modern'));
    await client.updateStatus(KamajiControlPlane, {
      ...withStatus,
      status: {
        ready: true,
        version: 'v1.33.0',
        externalManagedControlPlane: true,
        initialization: { controlPlaneInitialized: true },
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 2,
        selector: 'kamaji.clastix.io/name=modern',
      },
    });

    const old = await client.get(KamajiControlPlaneV1alpha1, key('modern'));
    expect(old.spec.network.gateway).toEqual({ name: 'gw', namespace: 'infra', hostname: 'api.example.com' });
    expect(old.status).toMatchObject({ initialized: true, unavailableReplicas: 0, updatedReplicas: 2 });
    expect(old.metadata.annotations?.[CONVERSION_DATA_ANNOTATION]).toBeDefined();

    await client.update(KamajiControlPlaneV1alpha1, { ...old, spec: { ...old.spec, replicas: 3 } });
    const hub = await client.get(KamajiControlPlane, key('modern'));
    expect(hub.spec.replicas).toBe(3);
    expect(hub.spec.network.additionalServicePorts).toEqual([
      { name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 9090 },
    ]);
    expect(hub.spec.network.gateway).toMatchObject({ sectionName: 'https', port: 443 });
    expect(hub.status?.initialization?.controlPlaneInitialized).toBe(true);
    expect(hub.metadata.annotations?.[CONVERSION_DATA_ANNOTATION]).toBeUndefined();
  });

  it('lists objects of both origins in either version', async () => {
    const v1 = await client.list(KamajiControlPlaneV1alpha1, { namespace: 'default' });
    const v2 = await client.list(KamajiControlPlane, { namespace: 'default' });
    expect(v1.items.map((o) => o.apiVersion)).toEqual(v1.items.map(() => KamajiControlPlaneV1alpha1.apiVersion));
    expect(v2.items.map((o) => o.metadata.name).sort()).toEqual(v1.items.map((o) => o.metadata.name).sort());
    for (const item of v1.items) KamajiControlPlaneV1alpha1.parse(item);
    for (const item of v2.items) KamajiControlPlane.parse(item);
  });

  it('converts templates both ways', async () => {
    await client.create(KamajiControlPlaneTemplateV1alpha1, {
      apiVersion: KamajiControlPlaneTemplateV1alpha1.apiVersion,
      kind: 'KamajiControlPlaneTemplate',
      metadata: key('class-template'),
      spec: { template: { spec: { dataStoreName: 'default', network: { serviceType: 'NodePort' } } } },
    } as unknown as KamajiControlPlaneTemplateV1alpha1);
    const hub = await client.get(KamajiControlPlaneTemplate, key('class-template'));
    expect(hub.spec.template.spec).toMatchObject({ dataStoreName: 'default', network: { serviceType: 'NodePort' } });
    const old = await client.get(KamajiControlPlaneTemplateV1alpha1, key('class-template'));
    expect(old.spec).toEqual(hub.spec);
  });
});
