import { describe, expect, it } from 'vitest';
import {
  bootstrapDataSecretNameOf,
  controlPlaneEndpointOf,
  failureDomainOf,
  failureDomainsOf,
  isBootstrapDataSecretCreated,
  isControlPlaneInitialized,
  isExternalManagedControlPlane,
  isInfrastructureProvisioned,
  machineAddressesOf,
  providerIdOf,
} from '../../src/capi/index.js';
import type { KubeObject } from '../../src/index.js';

const object = (fields: Record<string, unknown>): KubeObject => ({ metadata: { name: 'x' }, ...fields });

describe('contract accessors with v1beta1 fallbacks', () => {
  it('reads infrastructure provisioning from status.initialization.provisioned, else status.ready', () => {
    expect(isInfrastructureProvisioned(object({ status: { initialization: { provisioned: true } } }))).toBe(true);
    expect(isInfrastructureProvisioned(object({ status: { ready: true } }))).toBe(true);
    expect(
      isInfrastructureProvisioned(object({ status: { initialization: { provisioned: false }, ready: true } })),
    ).toBe(false);
    expect(isInfrastructureProvisioned(object({}))).toBe(false);
  });

  it('follows the contract of the CRD when it is known', () => {
    const both = object({ status: { initialization: { provisioned: false }, ready: true } });
    expect(isInfrastructureProvisioned(both, 'v1beta1')).toBe(true);
    expect(isInfrastructureProvisioned(object({ status: { ready: true } }), 'v1beta2')).toBe(false);
  });

  it('reads bootstrap and control-plane initialization', () => {
    expect(isBootstrapDataSecretCreated(object({ status: { initialization: { dataSecretCreated: true } } }))).toBe(
      true,
    );
    expect(isBootstrapDataSecretCreated(object({ status: { ready: true } }))).toBe(true);
    expect(isControlPlaneInitialized(object({ status: { initialization: { controlPlaneInitialized: true } } }))).toBe(
      true,
    );
    expect(isControlPlaneInitialized(object({ status: { initialized: true, ready: true } }))).toBe(true);
    expect(isControlPlaneInitialized(object({ status: { ready: true } }))).toBe(false);
    expect(bootstrapDataSecretNameOf(object({ status: { dataSecretName: 'm1-bootstrap' } }))).toBe('m1-bootstrap');
    expect(bootstrapDataSecretNameOf(object({ status: { dataSecretName: '' } }))).toBeUndefined();
    expect(isExternalManagedControlPlane(object({ status: { externalManagedControlPlane: true } }))).toBe(true);
  });

  it('reads machine fields', () => {
    const infraMachine = object({
      spec: { providerID: 'incus://host/c1', failureDomain: 'v1beta1-zone' },
      status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }], failureDomain: 'zone-a' },
    });
    expect(providerIdOf(infraMachine)).toBe('incus://host/c1');
    expect(providerIdOf(object({ spec: {} }))).toBeUndefined();
    expect(machineAddressesOf(infraMachine)).toEqual([{ type: 'InternalIP', address: '10.0.0.2' }]);
    expect(machineAddressesOf(object({}))).toEqual([]);
    expect(failureDomainOf(infraMachine)).toBe('zone-a');
    expect(failureDomainOf(infraMachine, 'v1beta1')).toBe('v1beta1-zone');
    expect(failureDomainOf(object({ spec: { failureDomain: 'old' } }))).toBe('old');
  });

  it('reads the endpoint and failure domains in both shapes', () => {
    expect(controlPlaneEndpointOf(object({ spec: { controlPlaneEndpoint: { host: 'h', port: 6443 } } }))).toEqual({
      host: 'h',
      port: 6443,
    });
    expect(controlPlaneEndpointOf(object({ spec: { controlPlaneEndpoint: { host: '', port: 0 } } }))).toBeUndefined();
    const list = [{ name: 'a', controlPlane: true }];
    expect(failureDomainsOf(object({ status: { failureDomains: list } }))).toEqual(list);
    expect(
      failureDomainsOf(
        object({
          status: { failureDomains: { b: { controlPlane: false }, a: { controlPlane: true, attributes: { x: 'y' } } } },
        }),
      ),
    ).toEqual([
      { name: 'a', controlPlane: true, attributes: { x: 'y' } },
      { name: 'b', controlPlane: false },
    ]);
    expect(failureDomainsOf(object({}))).toEqual([]);
  });
});
