import { CapiLabel, capiTypes } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicroK8sConfig } from '../../src/api/v1beta1/index.js';
import {
  type ControllerHarness,
  createCluster,
  createMachineWithConfig,
  patchClusterStatus,
  startControllerHarness,
} from './harness.js';

// `--watch-filter=shard-a`: only configs labelled `cluster.x-k8s.io/watch-filter: shard-a` are reconciled, even when
// an event of their Machine or Cluster (which carry no label here) asks for them.

const ns = 'default';
let h: ControllerHarness;

beforeAll(async () => {
  h = await startControllerHarness({ watchFilter: 'shard-a' });
});
afterAll(async () => {
  await h?.stop();
});

const getConfig = (name: string) => h.client.get(MicroK8sConfig, { namespace: ns, name });

describe('watch filter', () => {
  it("renders the data of its shard's configs and leaves the others alone", async () => {
    const mine = await createCluster(h.client, ns, 'mine');
    const theirs = await createCluster(h.client, ns, 'theirs');
    await createMachineWithConfig(h.client, mine, 'mine-cp', { controlPlane: true });
    const other = await createMachineWithConfig(h.client, theirs, 'theirs-cp', { controlPlane: true });
    await patchClusterStatus(h.client, mine, { infrastructureProvisioned: true });
    await patchClusterStatus(h.client, theirs, { infrastructureProvisioned: true });
    await h.client.mergePatch(
      MicroK8sConfig,
      { namespace: ns, name: 'mine-cp' },
      { metadata: { labels: { [CapiLabel.watchFilter]: 'shard-a' } } },
    );
    await h.client.mergePatch(
      MicroK8sConfig,
      { namespace: ns, name: 'theirs-cp' },
      { metadata: { labels: { [CapiLabel.watchFilter]: 'shard-b' } } },
    );
    await eventually(async () => expect((await getConfig('mine-cp')).status?.dataSecretName).toBe('mine-cp'));

    // Events of the other shard's Machine and Cluster map to its config: it must still not be reconciled.
    const before = await h.reconciles('microk8sconfig');
    await h.client.mergePatch(
      capiTypes.machine,
      { namespace: ns, name: other.machine.metadata.name as string },
      { metadata: { annotations: { touched: 'yes' } } },
    );
    await h.client.mergePatch(
      capiTypes.cluster,
      { namespace: ns, name: 'theirs' },
      { metadata: { labels: { touched: 'yes' } } },
    );
    await eventually(async () => expect(await h.reconciles('microk8sconfig')).toBeGreaterThan(before));
    const untouched = await getConfig('theirs-cp');
    expect(untouched.status).toBeUndefined();
    expect(untouched.metadata.finalizers ?? []).toEqual([]);
  });
});
