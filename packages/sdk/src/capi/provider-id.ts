/**
 * A parsed provider ID, Kubernetes' link between a Node (`spec.providerID`) and the machine behind it. The form is
 * `<cloudProvider>://<optional>/<segments>/<id>`, e.g. `openstack:///9a7e…` or `incus://lxd-host/instance`.
 */
export interface ProviderId {
  /** The ID exactly as given; this is what identifies the machine. */
  readonly value: string;
  /** The part before `://`; empty when the ID does not have the `<provider>://…` form. */
  readonly cloudProvider: string;
  /** The last `/`-separated segment; empty when the ID does not have the `<provider>://…` form. */
  readonly id: string;
}

/** At least one non-colon, then `://`, then anything, not ending with `/` (Cluster API's `noderefutil`). */
const PROVIDER_ID = /^[^:]+:\/\/.*[^/]$/;

/** Whether `value` has the `<cloudProvider>://…/<id>` form. */
export function isValidProviderId(value: string): boolean {
  return PROVIDER_ID.test(value);
}

/**
 * Parses a provider ID as Cluster API's `noderefutil.NewProviderID`: an empty value throws; a value without the
 * `<cloudProvider>://` form is accepted with an empty `cloudProvider` and `id`.
 */
export function parseProviderId(value: string): ProviderId {
  if (value === '') throw new Error('providerID is empty');
  if (!isValidProviderId(value)) return { value, cloudProvider: '', id: '' };
  return {
    value,
    cloudProvider: value.slice(0, value.indexOf(':')),
    id: value.slice(value.lastIndexOf('/') + 1),
  };
}

/**
 * `<cloudProvider>://<segments joined by "/">`; e.g. `formatProviderId('openstack', '', uuid)` is
 * `openstack:///<uuid>`. Throws when the result would not be a valid provider ID.
 */
export function formatProviderId(cloudProvider: string, ...segments: string[]): string {
  const value = `${cloudProvider}://${segments.join('/')}`;
  if (!isValidProviderId(value)) throw new Error(`"${value}" is not a valid providerID`);
  return value;
}

/**
 * Whether two provider IDs name the same machine. Cluster API compares the whole string: two IDs that share the last
 * segment (two VMs named `0` in different scale sets) are different machines.
 */
export function providerIdsEqual(a: string, b: string): boolean {
  return a === b;
}
