import type { BootstrapFormat, KubeadmConfigSpec } from '../../api/v1beta2/index.js';
import { type BootstrapRole, renderCloudConfig } from '../../cloudinit/index.js';
import { renderIgnition } from '../../ignition/index.js';

/** The bootstrap data Secret's content: `value` (the user data) and `format`. */
export interface BootstrapData {
  format: BootstrapFormat;
  value: string;
}

/**
 * The bootstrap data of a node in the format the spec asks for: cloud-config by default, Ignition (spec 2.3.0
 * unless `spec.ignition.version` says 3.4.0) with `format: ignition`, with the Container Linux Config of
 * `spec.ignition.containerLinuxConfig` merged in (a `ContainerLinuxConfigError` when it cannot be).
 */
export function renderBootstrapData(spec: KubeadmConfigSpec | undefined, input: BootstrapRole): BootstrapData {
  if (spec?.format === 'ignition') {
    const value = renderIgnition(input, spec.ignition?.version ?? '2.3.0', spec.ignition?.containerLinuxConfig);
    return { format: 'ignition', value };
  }
  return { format: 'cloud-config', value: renderCloudConfig(input) };
}
