import { capiTypes, type KubeClient } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { expect } from 'vitest';
import { KamajiControlPlane } from '../../src/api/v1alpha2/kamaji-control-plane.js';

/**
 * Cluster API's part, since its controllers do not run in the tests: once the KamajiControlPlane `controlPlane`
 * has an endpoint, the Cluster `cluster` (same namespace) gets it and its infrastructure is provisioned.
 */
export async function actAsClusterApi(
  client: KubeClient,
  namespace: string,
  cluster: string,
  controlPlane = cluster,
): Promise<void> {
  const kcp = await eventually(async () => {
    const object = await client.get(KamajiControlPlane, { namespace, name: controlPlane });
    expect(object.spec.controlPlaneEndpoint?.host).toBeTruthy();
    return object;
  });
  const key = { namespace, name: cluster };
  await client.mergePatch(capiTypes.cluster, key, { spec: { controlPlaneEndpoint: kcp.spec.controlPlaneEndpoint } });
  await client.mergePatch(
    capiTypes.cluster,
    key,
    { status: { initialization: { infrastructureProvisioned: true } } },
    { subresource: 'status' },
  );
}
