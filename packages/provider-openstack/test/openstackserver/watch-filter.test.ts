import { EventRecorder, type InformerSource, type KubeClient, silentLogger } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import type { OpenStackServer } from '../../src/api/v1alpha1/openstack-server.js';
import { openStackServerReconciler } from '../../src/controllers/openstackserver/index.js';

function sourceWith(server: OpenStackServer): InformerSource {
  return { informerFor: () => ({ synced: true, get: () => server }) } as unknown as InformerSource;
}

function server(labels: Record<string, string>): OpenStackServer {
  return {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
    kind: 'OpenStackServer',
    metadata: { namespace: 'ns', name: 's', labels },
    spec: { flavor: 'm1.small', identityRef: { name: 'cloud', cloudName: 'openstack' } },
  } as OpenStackServer;
}

describe('OpenStackServer reconciler with a watch filter', () => {
  // Claims, addresses, Secrets and Clusters map to servers whatever their labels: the reconciler filters.
  it.each([
    ['without the label', {}],
    ['with another value', { 'cluster.x-k8s.io/watch-filter': 'team-b' }],
  ])('leaves a server %s alone', async (_case, labels) => {
    let sessions = 0;
    const reconcile = openStackServerReconciler({
      client: {} as KubeClient,
      events: new EventRecorder({ client: {} as KubeClient, component: 'test', logger: silentLogger() }),
      cache: sourceWith(server(labels)),
      sessionFor: async () => {
        sessions += 1;
        throw new Error('no session expected');
      },
      watchFilter: 'team-a',
    });
    const signal = new AbortController().signal;
    await expect(
      reconcile({ namespace: 'ns', name: 's' }, { logger: silentLogger(), signal }),
    ).resolves.toBeUndefined();
    expect(sessions).toBe(0);
  });

  it('reconciles a server carrying the value', async () => {
    let sessions = 0;
    const reconcile = openStackServerReconciler({
      client: {} as KubeClient,
      events: new EventRecorder({ client: {} as KubeClient, component: 'test', logger: silentLogger() }),
      cache: sourceWith(server({ 'cluster.x-k8s.io/watch-filter': 'team-a' })),
      sessionFor: async () => {
        sessions += 1;
        throw new Error('session asked for');
      },
      watchFilter: 'team-a',
    });
    const signal = new AbortController().signal;
    await expect(reconcile({ namespace: 'ns', name: 's' }, { logger: silentLogger(), signal })).rejects.toThrow();
    expect(sessions).toBe(1);
  });
});
