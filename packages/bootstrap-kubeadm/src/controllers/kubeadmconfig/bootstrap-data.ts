import type { BootstrapFormat, KubeadmConfigSpec } from '../../api/v1beta2/index.js';
import { type BootstrapRole, renderCloudConfig } from '../../cloudinit/index.js';
import { renderIgnition } from '../../ignition/index.js';

/** The bootstrap data Secret's content: `value` (the user data) and `format`. */
export interface BootstrapData {
  format: BootstrapFormat;
  value: string;
}

/** A spec option this provider cannot render (yet); the message names it. */
export class UnsupportedBootstrapOptionError extends Error {
  override readonly name = 'UnsupportedBootstrapOptionError';
}

/**
 * The bootstrap data of a node in the format the spec asks for: cloud-config by default, Ignition (spec 2.3.0
 * unless `spec.ignition.version` says 3.4.0) with `format: ignition`. A Container Linux Config to merge
 * (`spec.ignition.containerLinuxConfig.additionalConfig`) is refused with {@link UnsupportedBootstrapOptionError}
 * rather than silently dropped.
 */
export function renderBootstrapData(spec: KubeadmConfigSpec | undefined, input: BootstrapRole): BootstrapData {
  if (spec?.format === 'ignition') {
    if (spec.ignition?.containerLinuxConfig?.additionalConfig !== undefined) {
      throw new UnsupportedBootstrapOptionError(
        'spec.ignition.containerLinuxConfig.additionalConfig is not supported by this provider: it would need ' +
          'the Container Linux Config transpiler; put the files and units into spec.files and preKubeadmCommands',
      );
    }
    return { format: 'ignition', value: renderIgnition(input, spec.ignition?.version ?? '2.3.0') };
  }
  return { format: 'cloud-config', value: renderCloudConfig(input) };
}
