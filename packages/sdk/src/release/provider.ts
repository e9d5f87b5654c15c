/** The provider types of clusterctl (`cmd/clusterctl/api/v1alpha3/provider_type.go`), as written in its config. */
export type ProviderType =
  | 'CoreProvider'
  | 'BootstrapProvider'
  | 'InfrastructureProvider'
  | 'ControlPlaneProvider'
  | 'IPAMProvider'
  | 'RuntimeExtensionProvider'
  | 'AddonProvider';

/** A provider as clusterctl identifies it: a name (`incus`, `microk8s`, `cluster-api`) and a type. */
export interface ProviderRef {
  readonly name: string;
  readonly type: ProviderType;
}

/** The label clusterctl expects on every object of a provider's components, with {@link manifestLabel} as value. */
export const PROVIDER_LABEL = 'cluster.x-k8s.io/provider';

const TYPES: Record<ProviderType, { labelPrefix: string; componentsFile: string }> = {
  CoreProvider: { labelPrefix: '', componentsFile: 'core-components.yaml' },
  BootstrapProvider: { labelPrefix: 'bootstrap-', componentsFile: 'bootstrap-components.yaml' },
  InfrastructureProvider: { labelPrefix: 'infrastructure-', componentsFile: 'infrastructure-components.yaml' },
  ControlPlaneProvider: { labelPrefix: 'control-plane-', componentsFile: 'control-plane-components.yaml' },
  IPAMProvider: { labelPrefix: 'ipam-', componentsFile: 'ipam-components.yaml' },
  RuntimeExtensionProvider: { labelPrefix: 'runtime-extension-', componentsFile: 'runtime-extension-components.yaml' },
  AddonProvider: { labelPrefix: 'addon-', componentsFile: 'addon-components.yaml' },
};

/** All provider types, in clusterctl's order. */
export const PROVIDER_TYPES = Object.keys(TYPES) as readonly ProviderType[];

/**
 * clusterctl's `ManifestLabel(name, type)`: `infrastructure-incus`, `bootstrap-microk8s`, `control-plane-kamaji`;
 * the core provider is just its name (`cluster-api`). It is both the value of {@link PROVIDER_LABEL} and the folder
 * name of the provider in a local repository.
 */
export function manifestLabel(provider: ProviderRef): string {
  return `${providerTypeInfo(provider.type).labelPrefix}${provider.name}`;
}

/** The components file name for a provider type, e.g. `infrastructure-components.yaml`. */
export function componentsFileName(type: ProviderType): string {
  return providerTypeInfo(type).componentsFile;
}

/** Checks that a provider name is a lower-case DNS label (clusterctl uses it in label values and folder names). */
export function validateProvider(provider: ProviderRef): void {
  providerTypeInfo(provider.type);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(provider.name) || provider.name.length > 63) {
    throw new Error(`provider name ${JSON.stringify(provider.name)} must be a lower-case DNS label`);
  }
}

function providerTypeInfo(type: ProviderType): { labelPrefix: string; componentsFile: string } {
  const info = Object.hasOwn(TYPES, type) ? TYPES[type] : undefined;
  if (!info)
    throw new Error(`unknown provider type ${JSON.stringify(type)}; expected one of ${PROVIDER_TYPES.join(', ')}`);
  return info;
}
