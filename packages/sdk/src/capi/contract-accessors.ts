import type { KubeObject } from '../client/object.js';
import type { ApiEndpoint, FailureDomain, MachineAddress } from './types.js';

// Readers for the fields Cluster API reads from provider objects (`internal/contract`), with the v1beta1 fallbacks
// of the transition period. `contract` names the contract the object's CRD implements (see
// `getContractAndApiVersion`): `v1beta1` reads the v1beta1 field, any other value the v1beta2 one; when omitted the
// v1beta2 field is used if present, else the v1beta1 one. Conditions are read with `readConditions` (conditions module),
// which applies Cluster API's `status.v1beta2.conditions`-first rule.

function field(object: Readonly<KubeObject>, ...path: string[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function pick(
  object: Readonly<KubeObject>,
  contract: string | undefined,
  current: string[],
  v1beta1: string[],
): unknown {
  if (contract === 'v1beta1') return field(object, ...v1beta1);
  const value = field(object, ...current);
  if (contract !== undefined || value !== undefined) return value;
  return field(object, ...v1beta1);
}

/** InfraCluster / InfraMachine: `status.initialization.provisioned`; v1beta1 `status.ready`. */
export function isInfrastructureProvisioned(object: Readonly<KubeObject>, contract?: string): boolean {
  return pick(object, contract, ['status', 'initialization', 'provisioned'], ['status', 'ready']) === true;
}

/** BootstrapConfig: `status.initialization.dataSecretCreated`; v1beta1 `status.ready`. */
export function isBootstrapDataSecretCreated(object: Readonly<KubeObject>, contract?: string): boolean {
  return pick(object, contract, ['status', 'initialization', 'dataSecretCreated'], ['status', 'ready']) === true;
}

/** ControlPlane: `status.initialization.controlPlaneInitialized`; v1beta1 `status.initialized`. */
export function isControlPlaneInitialized(object: Readonly<KubeObject>, contract?: string): boolean {
  return (
    pick(object, contract, ['status', 'initialization', 'controlPlaneInitialized'], ['status', 'initialized']) === true
  );
}

/** BootstrapConfig: `status.dataSecretName` (both contracts). */
export function bootstrapDataSecretNameOf(object: Readonly<KubeObject>): string | undefined {
  const value = field(object, 'status', 'dataSecretName');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** InfraMachine: `spec.providerID` (both contracts). */
export function providerIdOf(object: Readonly<KubeObject>): string | undefined {
  const value = field(object, 'spec', 'providerID');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** InfraMachine: `status.addresses` (both contracts). */
export function machineAddressesOf(object: Readonly<KubeObject>): MachineAddress[] {
  const value = field(object, 'status', 'addresses');
  return Array.isArray(value) ? (value as MachineAddress[]) : [];
}

/** InfraMachine: `status.failureDomain`; v1beta1 `spec.failureDomain`. */
export function failureDomainOf(object: Readonly<KubeObject>, contract?: string): string | undefined {
  const value = pick(object, contract, ['status', 'failureDomain'], ['spec', 'failureDomain']);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** InfraCluster / ControlPlane: `spec.controlPlaneEndpoint`, when it has a host. */
export function controlPlaneEndpointOf(object: Readonly<KubeObject>): ApiEndpoint | undefined {
  const value = field(object, 'spec', 'controlPlaneEndpoint') as ApiEndpoint | undefined;
  return value?.host ? value : undefined;
}

/**
 * InfraCluster: `status.failureDomains` as a list. v1beta2 stores a list; a v1beta1 map
 * `{ <name>: { controlPlane, attributes } }` is converted to the list form, sorted by name.
 */
export function failureDomainsOf(object: Readonly<KubeObject>): FailureDomain[] {
  const value = field(object, 'status', 'failureDomains');
  if (Array.isArray(value)) return value as FailureDomain[];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, Omit<FailureDomain, 'name'>>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, domain]) => ({ name, ...domain }));
}

/** ControlPlane: `status.externalManagedControlPlane` (instances never appear as Nodes). */
export function isExternalManagedControlPlane(object: Readonly<KubeObject>): boolean {
  return field(object, 'status', 'externalManagedControlPlane') === true;
}
