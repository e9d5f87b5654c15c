import { createCertificateAuthority, ExponentialFailureRateLimiter } from '@capi-ts/sdk';
import { eventually } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LXC_CLUSTER_FINALIZER, type LXCCluster, lxcClusterResource } from '../../src/api/index.js';
import {
  ensureHttpsListener,
  ensureIncus,
  type TrustedClientCertificate,
  trustedClientCertificate,
  uniqueName,
} from '../../test-support/index.js';
import {
  createClusterWithLXCCluster,
  createSecret,
  type LXCClusterHarness,
  startLXCClusterHarness,
  v1beta1Condition,
  v1beta2Condition,
} from './harness.js';

// LXCClusters whose load balancer cannot be provisioned, against a real API server and the real Incus daemon:
// each problem ends as a LoadBalancerAvailable=False condition with a reason and a message, never with secret values.

const incus = await ensureIncus();
const namespace = 'default';

describe.skipIf(!incus.available)('LXCCluster conditions', () => {
  if (!incus.available) return;
  let harness: LXCClusterHarness;
  let trusted: TrustedClientCertificate;
  let identity: Record<string, string>;

  beforeAll(async () => {
    const listener = await ensureHttpsListener(incus.client);
    trusted = await trustedClientCertificate(incus.client, uniqueName('lxccluster-conditions'));
    identity = {
      server: listener.url,
      'server-crt': listener.serverCertificate,
      'client-crt': trusted.cert,
      'client-key': trusted.key,
    };
    // A failed reconcile is retried only after 2 minutes: what happens sooner comes from a watch.
    harness = await startLXCClusterHarness({ rateLimiter: new ExponentialFailureRateLimiter(120_000, 120_000) });
    await createSecret(harness.client, namespace, 'lxc-secret', identity);
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
    await trusted?.remove();
  });

  const read = (name: string) => harness.client.get(lxcClusterResource, { namespace, name });

  async function expectLoadBalancerCondition(name: string, reason: string, message: string | RegExp) {
    return await eventually(async () => {
      const lxcCluster = await read(name);
      const condition = v1beta2Condition(lxcCluster, 'LoadBalancerAvailable');
      expect(condition).toMatchObject({ status: 'False', reason });
      expect(condition?.message).toMatch(message);
      expect(v1beta2Condition(lxcCluster, 'Ready')?.status).toBe('False');
      expect(v1beta1Condition(lxcCluster, 'LoadBalancerAvailable')).toMatchObject({ status: 'False', reason });
      expect(lxcCluster.status?.initialization?.provisioned).not.toBe(true);
      return lxcCluster;
    });
  }

  it.each([
    [
      'missing secret',
      { secretRef: { name: 'nope' } },
      'IdentitySecretNotFound',
      'identity secret default/nope does not exist',
    ],
    ['no secretRef', {}, 'IdentitySecretNotFound', 'spec.secretRef.name is not set'],
  ])('%s', async (_case, spec, reason, message) => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, { ...spec, loadBalancer: { lxc: {} } });
    await expectLoadBalancerCondition(name, reason, message);
  });

  it('a missing identity secret created later is used at once (Secrets are watched), not after the back-off', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name },
      loadBalancer: { oci: {} },
    });
    await expectLoadBalancerCondition(name, 'IdentitySecretNotFound', `identity secret default/${name} does not exist`);
    await createSecret(harness.client, namespace, name, identity);
    // The server is reached with the new secret; the oci load balancer then needs instance_oci, missing here.
    await expectLoadBalancerCondition(name, 'MissingServerExtension', /instance_oci/);
  });

  it('an unreachable server', async () => {
    const name = uniqueName('c');
    await createSecret(harness.client, namespace, name, { ...identity, server: 'https://127.0.0.1:1' });
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name },
      loadBalancer: { lxc: {} },
    });
    await expectLoadBalancerCondition(name, 'IncusServerUnreachable', /cannot reach https:\/\/127\.0\.0\.1:1/);
  });

  it('a server certificate other than server-crt, without quoting secret values', async () => {
    const name = uniqueName('c');
    const other = await createCertificateAuthority('other', { keyAlgorithm: 'ecdsa' });
    await createSecret(harness.client, namespace, name, { ...identity, 'server-crt': other.cert });
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name },
      loadBalancer: { lxc: {} },
    });
    const lxcCluster = await expectLoadBalancerCondition(name, 'IncusServerCertificateRejected', /server-crt/);
    const text = JSON.stringify(lxcCluster.status);
    expect(text).not.toContain('BEGIN');
    expect(text).not.toContain(trusted.key.slice(40, 80));
  });

  it('a broken client key', async () => {
    const name = uniqueName('c');
    await createSecret(harness.client, namespace, name, { ...identity, 'client-key': 'garbage' });
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name },
      loadBalancer: { lxc: {} },
    });
    await expectLoadBalancerCondition(name, 'IdentitySecretInvalid', 'key "client-key" is not a PEM private key');
  });

  it('the oci load balancer on a server without instance_oci (Incus 6.0 here)', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name: 'lxc-secret' },
      loadBalancer: { oci: {} },
    });
    const lxcCluster = await expectLoadBalancerCondition(name, 'MissingServerExtension', /instance_oci/);
    expect(v1beta1Condition(lxcCluster, 'LoadBalancerAvailable')?.severity).toBe('Error');
  });

  it('ovn without a network name is aborted with CAPN reason', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name: 'lxc-secret' },
      controlPlaneEndpoint: { host: '10.87.142.250', port: 6443 },
      loadBalancer: { ovn: {} },
    });
    await expectLoadBalancerCondition(
      name,
      'LoadBalancerProvisioningAbortedReason',
      'spec.loadBalancer.ovn.networkName must name the OVN network',
    );
  });

  it('ovn on a network that is not OVN (no OVN here): the daemon refusal, retried', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, {
      secretRef: { name: 'lxc-secret' },
      controlPlaneEndpoint: { host: '10.87.142.250', port: 6443 },
      loadBalancer: { ovn: { networkName: 'incusbr0' } },
    });
    const lxcCluster = await expectLoadBalancerCondition(
      name,
      'LoadBalancerProvisioningFailed',
      'Network driver "bridge" does not support load balancers',
    );
    expect(v1beta1Condition(lxcCluster, 'LoadBalancerAvailable')?.severity).toBe('Warning');
  });

  it('kube-vip without an endpoint host is aborted with CAPN reason', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(harness.client, namespace, name, { loadBalancer: { kubeVIP: {} } });
    await expectLoadBalancerCondition(
      name,
      'LoadBalancerProvisioningAbortedReason',
      'the kube-vip load balancer needs spec.controlPlaneEndpoint.host',
    );
  });

  it('kube-vip and external with an endpoint: provisioned without Incus, endpoint kept', async () => {
    for (const loadBalancer of [{ kubeVIP: {} }, { external: {} }]) {
      const name = uniqueName('c');
      await createClusterWithLXCCluster(harness.client, namespace, name, {
        controlPlaneEndpoint: { host: '10.0.42.1', port: 7443 },
        loadBalancer,
      });
      await eventually(async () => {
        const lxcCluster = await read(name);
        expect(lxcCluster.status?.initialization?.provisioned).toBe(true);
        expect(lxcCluster.status?.ready).toBe(true);
        expect(v1beta2Condition(lxcCluster, 'LoadBalancerAvailable')?.status).toBe('True');
        expect(v1beta2Condition(lxcCluster, 'Ready')?.status).toBe('True');
        expect(v1beta1Condition(lxcCluster, 'Ready')?.status).toBe('True');
        expect(lxcCluster.spec?.controlPlaneEndpoint).toEqual({ host: '10.0.42.1', port: 7443 });
        expect(lxcCluster.metadata.finalizers).toContain(LXC_CLUSTER_FINALIZER);
      });
      await harness.client.delete(lxcClusterResource, { namespace, name });
      await eventually(async () => {
        expect(await harness.client.getOptional(lxcClusterResource, { namespace, name })).toBeUndefined();
      });
    }
  });

  it('an LXCCluster managed by another system (Kamaji) is left alone, its status.ready carried to provisioned', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(
      harness.client,
      namespace,
      name,
      { secretRef: { name: 'nope' }, loadBalancer: { lxc: {} } },
      { annotations: { 'cluster.x-k8s.io/managed-by': 'kamaji' } },
    );
    await harness.client.mergePatch(
      lxcClusterResource,
      { namespace, name },
      { spec: { controlPlaneEndpoint: { host: '192.0.2.10', port: 6443 } } },
    );
    await harness.client.mergePatch(
      lxcClusterResource,
      { namespace, name },
      { status: { ready: true } },
      { subresource: 'status' },
    );
    const lxcCluster: LXCCluster = await eventually(async () => {
      const current = await read(name);
      expect(current.status?.initialization?.provisioned).toBe(true);
      return current;
    });
    expect(lxcCluster.metadata.finalizers ?? []).toEqual([]);
    expect(lxcCluster.status?.v1beta2?.conditions ?? []).toEqual([]);
    expect(lxcCluster.spec?.controlPlaneEndpoint).toEqual({ host: '192.0.2.10', port: 6443 });
  });

  it('a paused Cluster: Paused condition and nothing else', async () => {
    const name = uniqueName('c');
    await createClusterWithLXCCluster(
      harness.client,
      namespace,
      name,
      { secretRef: { name: 'nope' }, loadBalancer: { lxc: {} } },
      { paused: true },
    );
    await eventually(async () => {
      const lxcCluster = await read(name);
      expect(v1beta2Condition(lxcCluster, 'Paused')?.status).toBe('True');
      expect(v1beta2Condition(lxcCluster, 'LoadBalancerAvailable')).toBeUndefined();
    });
  });
});
