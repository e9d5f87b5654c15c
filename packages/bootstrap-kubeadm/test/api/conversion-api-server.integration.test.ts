import { readFileSync } from 'node:fs';
import { CONVERSION_DATA_ANNOTATION, KubeClient } from '@capi-ts/sdk';
import { startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KubeadmConfigTemplateV1beta1, KubeadmConfigV1beta1 } from '../../src/api/v1beta1/index.js';
import { KubeadmConfig, KubeadmConfigTemplate } from '../../src/api/v1beta2/index.js';
import { type ConversionServer, startConversionServer } from '../support/conversion-server.js';

// v1beta1 and v1beta2 objects written and read back in both versions through a real API server that calls the
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
  it('stores a v1beta1 manifest as v1beta2 and reads it back in both versions', async () => {
    const manifest = parse(
      readFileSync(new URL('../fixtures/manifests-v1beta1/control-plane.yaml', import.meta.url), 'utf8'),
    );
    await client.create(KubeadmConfigV1beta1, {
      ...manifest,
      metadata: { ...manifest.metadata, namespace: 'default' },
    });
    const hub = await client.get(KubeadmConfig, key('v1beta1-control-plane'));
    expect(hub.apiVersion).toBe('bootstrap.cluster.x-k8s.io/v1beta2');
    expect(hub.spec?.clusterConfiguration?.apiServer?.extraArgs).toEqual([
      { name: 'audit-log-maxage', value: '30' },
      { name: 'cloud-provider', value: 'external' },
    ]);
    expect(hub.spec?.initConfiguration?.timeouts).toEqual({ controlPlaneComponentHealthCheckSeconds: 1200 });
    expect(hub.spec?.joinConfiguration?.timeouts).toEqual({
      controlPlaneComponentHealthCheckSeconds: 1200,
      tlsBootstrapSeconds: 300,
    });
    expect(hub.spec?.initConfiguration?.bootstrapTokens).toEqual([
      { token: 'abcdef.0123456789abcdef', ttlSeconds: 86400 },
    ]);
    const old = await client.get(KubeadmConfigV1beta1, key('v1beta1-control-plane'));
    const { useExperimentalRetryJoin: _dropped, ...expected } = manifest.spec;
    expect(old.spec).toEqual(expected);
  });

  it('keeps v1beta2-only fields through an update via v1beta1', async () => {
    await client.create(KubeadmConfig, {
      apiVersion: KubeadmConfig.apiVersion,
      kind: 'KubeadmConfig',
      metadata: key('modern'),
      spec: {
        format: 'ignition',
        ignition: { version: '3.4.0' },
        initConfiguration: { timeouts: { kubeletHealthCheckSeconds: 90 } },
        clusterConfiguration: {
          apiServer: {
            extraArgs: [
              { name: 'z', value: '1' },
              { name: 'a', value: '2' },
            ],
          },
        },
      },
    } as KubeadmConfig);
    const old = await client.get(KubeadmConfigV1beta1, key('modern'));
    expect(old.spec?.ignition).toBeUndefined();
    await client.update(KubeadmConfigV1beta1, { ...old, spec: { ...old.spec, verbosity: 5 } });
    const hub = await client.get(KubeadmConfig, key('modern'));
    expect(hub.spec).toEqual({
      format: 'ignition',
      ignition: { version: '3.4.0' },
      verbosity: 5,
      initConfiguration: { timeouts: { kubeletHealthCheckSeconds: 90 } },
      clusterConfiguration: {
        apiServer: {
          extraArgs: [
            { name: 'z', value: '1' },
            { name: 'a', value: '2' },
          ],
        },
      },
    });
    expect(hub.metadata.annotations?.[CONVERSION_DATA_ANNOTATION]).toBeUndefined();
  });

  it('converts templates', async () => {
    await client.create(KubeadmConfigTemplateV1beta1, {
      apiVersion: KubeadmConfigTemplateV1beta1.apiVersion,
      kind: 'KubeadmConfigTemplate',
      metadata: key('workers'),
      spec: { template: { spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: { a: 'b' } } } } } },
    } as never);
    const hub = await client.get(KubeadmConfigTemplate, key('workers'));
    expect(hub.spec?.template.spec?.joinConfiguration?.nodeRegistration?.kubeletExtraArgs).toEqual([
      { name: 'a', value: 'b' },
    ]);
  });
});
