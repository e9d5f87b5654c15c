import { CONVERSION_DATA_ANNOTATION, expectLosslessRoundTrip } from '@capi-ts/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kubeadmConfigConversion,
  kubeadmConfigTemplateConversion,
  parseGoDurationSeconds,
} from '../../src/api/conversion/index.js';
import { KubeadmConfigTemplateV1beta1, KubeadmConfigV1beta1 } from '../../src/api/v1beta1/index.js';
import { KubeadmConfig, KubeadmConfigTemplate } from '../../src/api/v1beta2/index.js';
import { hubSpec, hubStatus, spokeSpec, spokeStatus } from './arbitraries.js';

const V1BETA1 = 'bootstrap.cluster.x-k8s.io/v1beta1';
const V1BETA2 = 'bootstrap.cluster.x-k8s.io/v1beta2';
const metadata = { name: 'a', namespace: 'default' };

describe('KubeadmConfig conversion', () => {
  it('round-trips v1beta1 ↔ v1beta2 without losing anything', () => {
    expectLosslessRoundTrip(
      kubeadmConfigConversion,
      {
        hub: fc.record({ spec: hubSpec, status: hubStatus }, { requiredKeys: ['spec'] }),
        spokes: { [V1BETA1]: fc.record({ spec: spokeSpec, status: spokeStatus }, { requiredKeys: ['spec'] }) },
      },
      { numRuns: 300 },
    );
  });

  it('maps v1beta1 fields the way Cluster API does, into a valid v1beta2 object', () => {
    const spoke = KubeadmConfigV1beta1.parse({
      apiVersion: V1BETA1,
      kind: 'KubeadmConfig',
      metadata,
      spec: {
        useExperimentalRetryJoin: true,
        clusterConfiguration: {
          apiVersion: 'kubeadm.k8s.io/v1beta3',
          clusterName: 'ignored',
          networking: { podSubnet: '10.0.0.0/8' },
          apiServer: { timeoutForControlPlane: '4m0s', extraArgs: { b: '2', a: '1' } },
        },
        initConfiguration: { bootstrapTokens: [{ token: 'abcdef.0123456789abcdef', ttl: '1h' }] },
        joinConfiguration: { discovery: { timeout: '5m' }, nodeRegistration: { kubeletExtraArgs: { x: 'y' } } },
      },
      status: {
        ready: true,
        dataSecretName: 'a',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      },
    });
    const hub = KubeadmConfig.parse(kubeadmConfigConversion.convert(spoke, V1BETA2));
    expect(hub.spec).toEqual({
      clusterConfiguration: {
        apiServer: {
          extraArgs: [
            { name: 'a', value: '1' },
            { name: 'b', value: '2' },
          ],
        },
      },
      initConfiguration: {
        bootstrapTokens: [{ token: 'abcdef.0123456789abcdef', ttlSeconds: 3600 }],
        timeouts: { controlPlaneComponentHealthCheckSeconds: 240 },
      },
      joinConfiguration: {
        nodeRegistration: { kubeletExtraArgs: [{ name: 'x', value: 'y' }] },
        timeouts: { controlPlaneComponentHealthCheckSeconds: 240, tlsBootstrapSeconds: 300 },
      },
    });
    expect(hub.status).toEqual({
      initialization: { dataSecretCreated: true },
      dataSecretName: 'a',
      deprecated: { v1beta1: { conditions: spoke.status?.conditions } },
    });
  });

  it('keeps v1beta2-only fields through a v1beta1 read-modify-write', () => {
    const hub = KubeadmConfig.parse({
      apiVersion: V1BETA2,
      kind: 'KubeadmConfig',
      metadata,
      spec: {
        format: 'ignition',
        ignition: { version: '3.4.0' },
        initConfiguration: { timeouts: { kubeletHealthCheckSeconds: 60 } },
      },
    });
    const spoke = KubeadmConfigV1beta1.parse(kubeadmConfigConversion.convert(hub, V1BETA1));
    expect(spoke.spec).toEqual({ format: 'ignition' });
    expect(spoke.metadata.annotations?.[CONVERSION_DATA_ANNOTATION]).toBeDefined();
    const edited = { ...spoke, spec: { ...spoke.spec, verbosity: 4 } };
    const back = KubeadmConfig.parse(kubeadmConfigConversion.convert(edited, V1BETA2));
    expect(back.spec).toEqual({ ...hub.spec, verbosity: 4 });
  });
});

describe('KubeadmConfigTemplate conversion', () => {
  it('round-trips v1beta1 ↔ v1beta2 without losing anything', () => {
    const template = (spec: fc.Arbitrary<unknown>) => fc.record({ spec: fc.record({ template: fc.record({ spec }) }) });
    expectLosslessRoundTrip(
      kubeadmConfigTemplateConversion,
      { hub: template(hubSpec) as never, spokes: { [V1BETA1]: template(spokeSpec) as never } },
      { numRuns: 200 },
    );
  });

  it('converts the embedded spec into a valid v1beta2 template', () => {
    const spoke = KubeadmConfigTemplateV1beta1.parse({
      apiVersion: V1BETA1,
      kind: 'KubeadmConfigTemplate',
      metadata,
      spec: {
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: { k: 'v' } } } },
        },
      },
    });
    const hub = KubeadmConfigTemplate.parse(kubeadmConfigTemplateConversion.convert(spoke, V1BETA2));
    expect(hub.spec?.template).toEqual({
      metadata: { labels: { a: 'b' } },
      spec: { joinConfiguration: { nodeRegistration: { kubeletExtraArgs: [{ name: 'k', value: 'v' }] } } },
    });
  });
});

describe('Go durations', () => {
  it.each([
    ['4m0s', 240],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['1500ms', 2],
    ['0s', 0],
  ])('%s = %i s', (text, value) => {
    expect(parseGoDurationSeconds(text)).toBe(value);
  });

  it('rejects what is not a duration', () => {
    expect(() => parseGoDurationSeconds('5 minutes')).toThrow(/not a Go duration/);
  });
});
