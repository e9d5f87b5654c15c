import { expectLosslessRoundTrip } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { kamajiControlPlaneConversion } from '../../src/api/conversion/kamaji-control-plane.js';
import { kamajiControlPlaneTemplateConversion } from '../../src/api/conversion/kamaji-control-plane-template.js';
import { KamajiControlPlaneV1alpha1 } from '../../src/api/v1alpha1/kamaji-control-plane.js';
import { KamajiControlPlaneTemplateV1alpha1 } from '../../src/api/v1alpha1/kamaji-control-plane-template.js';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';
import { KamajiControlPlaneTemplate } from '../../src/api/v1alpha2/kamaji-control-plane-template.js';
import { hubControlPlane, spokeControlPlane, templateOf } from './arbitraries.js';

const V1ALPHA1 = 'controlplane.cluster.x-k8s.io/v1alpha1';
const V1ALPHA2 = 'controlplane.cluster.x-k8s.io/v1alpha2';

describe('KamajiControlPlane conversion', () => {
  it('round-trips v1alpha1 ↔ v1alpha2 without losing anything', () => {
    expectLosslessRoundTrip(
      kamajiControlPlaneConversion,
      { hub: hubControlPlane, spokes: { [V1ALPHA1]: spokeControlPlane } },
      { numRuns: 300 },
    );
  });

  it('produces objects valid in the target version', () => {
    const spoke = KamajiControlPlaneV1alpha1.parse({
      apiVersion: V1ALPHA1,
      kind: 'KamajiControlPlane',
      metadata: { name: 'a', namespace: 'default' },
      spec: { version: '1.27.0', controlPlaneEndpoint: { host: '', port: 0 } },
      status: {
        initialized: true,
        ready: true,
        readyReplicas: 2,
        replicas: 3,
        selector: 'app=x',
        unavailableReplicas: 1,
        updatedReplicas: 2,
        version: 'v1.27.0',
      },
    });
    const hub = KamajiControlPlane.parse(kamajiControlPlaneConversion.convert(spoke, V1ALPHA2));
    // Go wrote an unset v1alpha1 endpoint as {host: "", port: 0}; v1alpha2 leaves it out.
    expect(hub.spec.controlPlaneEndpoint).toBeUndefined();
    expect(hub.status).toMatchObject({
      initialization: { controlPlaneInitialized: true },
      availableReplicas: 2,
      upToDateReplicas: 2,
      readyReplicas: 2,
      replicas: 3,
      selector: 'app=x',
    });
    const back = KamajiControlPlaneV1alpha1.parse(
      kamajiControlPlaneConversion.convert(
        { ...hub, status: { ready: false, version: '' } } as KamajiControlPlane,
        V1ALPHA1,
      ),
    );
    expect(back.status).toMatchObject({ initialized: false, replicas: 0, unavailableReplicas: 0, selector: '' });
  });

  it('keeps v1alpha2-only fields through a v1alpha1 read-modify-write', () => {
    const hub = KamajiControlPlane.parse({
      apiVersion: V1ALPHA2,
      kind: 'KamajiControlPlane',
      metadata: { name: 'a', namespace: 'default' },
      spec: {
        version: 'v1.33.0',
        network: {
          serviceType: 'LoadBalancer',
          additionalServicePorts: [{ name: 'metrics', port: 9090, targetPort: 9090 }],
          gateway: { name: 'gw', namespace: 'infra', hostname: 'api.example.com', sectionName: 'https', port: 443 },
        },
      },
    });
    const spoke = kamajiControlPlaneConversion.convert(hub, V1ALPHA1) as KamajiControlPlaneV1alpha1;
    expect(spoke.spec.network.gateway).toEqual({ name: 'gw', namespace: 'infra', hostname: 'api.example.com' });
    expect(spoke.spec.network).not.toHaveProperty('additionalServicePorts');
    const edited = { ...spoke, spec: { ...spoke.spec, replicas: 5 } };
    const restored = kamajiControlPlaneConversion.convert(edited, V1ALPHA2) as KamajiControlPlane;
    expect(restored.spec.replicas).toBe(5);
    expect(restored.spec.network).toEqual(hub.spec.network);
    expect(restored.metadata.annotations).toBeUndefined();
  });
});

describe('KamajiControlPlaneTemplate conversion', () => {
  it('round-trips v1alpha1 ↔ v1alpha2 without losing anything', () => {
    expectLosslessRoundTrip(
      kamajiControlPlaneTemplateConversion,
      { hub: templateOf('v1alpha2'), spokes: { [V1ALPHA1]: templateOf('v1alpha1') } },
      { numRuns: 200 },
    );
  });

  it('produces valid templates in both directions', () => {
    const spoke = KamajiControlPlaneTemplateV1alpha1.parse({
      apiVersion: V1ALPHA1,
      kind: 'KamajiControlPlaneTemplate',
      metadata: { name: 't', namespace: 'default' },
      spec: { template: { spec: { dataStoreName: 'default' } } },
    });
    const hub = KamajiControlPlaneTemplate.parse(kamajiControlPlaneTemplateConversion.convert(spoke, V1ALPHA2));
    expect(hub.spec.template.spec.dataStoreName).toBe('default');
    expect(
      KamajiControlPlaneTemplateV1alpha1.parse(kamajiControlPlaneTemplateConversion.convert(hub, V1ALPHA1)),
    ).toEqual(spoke);
  });
});
