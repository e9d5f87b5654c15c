import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ConditionLayout } from '../conditions/layout.js';
import { setCondition } from '../conditions/setters.js';
import type { NewCondition } from '../conditions/types.js';
import type { Logger } from '../log/logger.js';
import { type BootstrapData, readBootstrapData } from './bootstrap-data.js';
import type { FieldCheck } from './infra-schema.js';
import { isControlPlaneMachine } from './object-checks.js';
import { clientReader, type ObjectReader } from './object-reader.js';
import { isValidProviderId } from './provider-id.js';
import type { ApiEndpoint, Cluster, FailureDomain, Machine, MachineAddress } from './types.js';

/**
 * What a backend gets for one reconcile of an infrastructure object. Change {@link object} (or use the setters):
 * everything is written in one patch when the backend returns, together with the `Ready` summary, so a reconcile
 * that changes nothing writes nothing.
 */
export interface InfraScope<T extends KubeObject> {
  /** A mutable working copy of the object, taken from the cache at the start of the reconcile. */
  readonly object: T;
  /** The Cluster the object belongs to (read-only, from the cache). */
  readonly cluster: Readonly<Cluster>;
  /** The manager's client, for writes and for reads that must bypass the cache. */
  readonly client: KubeClient;
  /** Reads from the manager's informer cache (objects are frozen: copy before changing them). */
  readonly reader: ObjectReader;
  /** The reconcile's logger, with controller, object, owner and Cluster names. Never log secrets. */
  readonly logger: Logger;
  /** Aborts when the controller stops; pass it to long calls. */
  readonly signal: AbortSignal;
  /** Sets a condition on {@link object} (list kept sorted, transition time kept when the status does not change). */
  setCondition(condition: NewCondition): void;
  /** Sets `status.initialization.provisioned` (and, when enabled, the v1beta1 `status.ready` mirror). */
  setProvisioned(provisioned?: boolean): void;
}

/** The scope of an infrastructure machine backend. */
export interface MachineScope<M extends KubeObject> extends InfraScope<M> {
  /** The Machine that owns the object. */
  readonly machine: Readonly<Machine>;
  /** Whether the Machine belongs to the control plane (`cluster.x-k8s.io/control-plane` label). */
  readonly controlPlane: boolean;
  /**
   * The Machine's bootstrap data, read from the API server on first call (not cached: Secrets stay out of the
   * informer cache). Available in `reconcileNormal`: the plumbing waits for `spec.bootstrap.dataSecretName` before
   * creating an instance. Never log it.
   */
  bootstrapData(): Promise<BootstrapData>;
  /** Sets `spec.providerID`, which must match the Node's; throws unless it has the `<provider>://<id>` form. */
  setProviderID(providerID: string): void;
  /** Sets `status.addresses`, copied to the Machine. */
  setAddresses(addresses: MachineAddress[]): void;
  /** Sets `status.failureDomain`, the failure domain the instance actually landed in. */
  setFailureDomain(failureDomain: string | undefined): void;
}

/** The scope of an infrastructure cluster backend. */
export interface ClusterScope<C extends KubeObject> extends InfraScope<C> {
  /** Sets `spec.controlPlaneEndpoint`, for providers that supply the endpoint (a load balancer, a VIP). */
  setControlPlaneEndpoint(endpoint: ApiEndpoint): void;
  /** Sets `status.failureDomains`, copied to the Cluster. */
  setFailureDomains(failureDomains: FailureDomain[]): void;
}

/** What the controllers hand to the scope factories. */
export interface ScopeInput<T extends KubeObject> {
  object: T;
  cluster: Readonly<Cluster>;
  client: KubeClient;
  reader: ObjectReader;
  logger: Logger;
  signal: AbortSignal;
  layout: ConditionLayout;
  /** Whether `setProvisioned` also writes the v1beta1 `status.ready`. */
  v1beta1Ready: boolean;
  checkField: FieldCheck;
}

/** Builds the common part of a scope. */
export function infraScope<T extends KubeObject>(input: ScopeInput<T>): InfraScope<T> {
  const { object, layout } = input;
  const write = fieldWriter(object, input.checkField);
  return {
    object,
    cluster: input.cluster,
    client: input.client,
    reader: input.reader,
    logger: input.logger,
    signal: input.signal,
    setCondition: (condition) => {
      setCondition(object, condition, { layout });
    },
    setProvisioned: (provisioned = true) => {
      write(['status', 'initialization', 'provisioned'], provisioned);
      if (input.v1beta1Ready) write(['status', 'ready'], provisioned);
    },
  };
}

/** Builds the scope of an infrastructure machine. */
export function machineScope<M extends KubeObject>(input: ScopeInput<M>, machine: Readonly<Machine>): MachineScope<M> {
  const write = fieldWriter(input.object, input.checkField);
  let bootstrap: Promise<BootstrapData> | undefined;
  return {
    ...infraScope(input),
    machine,
    controlPlane: isControlPlaneMachine(machine),
    bootstrapData: () => {
      bootstrap ??= readBootstrapData(clientReader(input.client), machine).then((data) => {
        if (!data) throw new Error(`Machine ${machine.metadata.name} has no spec.bootstrap.dataSecretName yet`);
        return data;
      });
      return bootstrap;
    },
    setProviderID: (providerID) => {
      if (!isValidProviderId(providerID)) throw new Error(`"${providerID}" is not a valid providerID`);
      write(['spec', 'providerID'], providerID);
    },
    setAddresses: (addresses) => write(['status', 'addresses'], addresses.length > 0 ? addresses : undefined),
    setFailureDomain: (failureDomain) => write(['status', 'failureDomain'], failureDomain || undefined),
  };
}

/** Builds the scope of an infrastructure cluster. */
export function clusterScope<C extends KubeObject>(input: ScopeInput<C>): ClusterScope<C> {
  const write = fieldWriter(input.object, input.checkField);
  return {
    ...infraScope(input),
    setControlPlaneEndpoint: (endpoint) => write(['spec', 'controlPlaneEndpoint'], endpoint),
    setFailureDomains: (failureDomains) =>
      write(['status', 'failureDomains'], failureDomains.length > 0 ? failureDomains : undefined),
  };
}

/**
 * Writes `value` at `path` in `object`, creating the objects on the way; `undefined` removes the field. The field
 * must be declared by the schema (see {@link FieldCheck}).
 */
function fieldWriter(object: KubeObject, checkField: FieldCheck): (path: readonly string[], value: unknown) => void {
  return (path, value) => {
    checkField(path);
    let parent = object as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = parent[key];
      if (typeof next !== 'object' || next === null) {
        if (value === undefined) return;
        parent[key] = {};
      }
      parent = parent[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    if (value === undefined) delete parent[last];
    else parent[last] = structuredClone(value);
  };
}
