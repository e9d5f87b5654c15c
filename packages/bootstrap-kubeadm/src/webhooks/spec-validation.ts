import { type FieldError, FieldPath, field } from '@capi-ts/sdk';
import type { KubeadmConfigSpec } from '../api/v1beta2/index.js';

/** What the admission rules depend on besides the spec. */
export interface SpecValidationOptions {
  /** Whether the `KubeadmBootstrapFormatIgnition` feature gate is on. */
  ignitionEnabled: boolean;
}

function validateFiles(spec: KubeadmConfigSpec, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (spec.files ?? []).forEach((file, i) => {
    const at = path.child('files').index(i);
    if (file.content !== undefined && file.contentFrom !== undefined) {
      errors.push(field.invalid(at, file, 'only one of content or contentFrom may be specified for a single file'));
    }
    if (seen.has(file.path)) errors.push(field.duplicate(at.child('path'), file.path));
    seen.add(file.path);
  });
  return errors;
}

function validateUsers(spec: KubeadmConfigSpec, path: FieldPath): FieldError[] {
  return (spec.users ?? []).flatMap((user, i) =>
    user.passwd !== undefined && user.passwdFrom !== undefined
      ? [field.invalid(path.child('users').index(i), user.name, 'only one of passwd or passwdFrom may be specified')]
      : [],
  );
}

function validateDiscovery(spec: KubeadmConfigSpec, path: FieldPath): FieldError[] {
  const user = spec.joinConfiguration?.discovery?.file?.kubeConfig?.user;
  if (user?.authProvider && user.exec) {
    const at = path.child('joinConfiguration', 'discovery', 'file', 'kubeConfig', 'user');
    return [field.invalid(at, 'authProvider and exec', 'only one of authProvider or exec may be specified')];
  }
  return [];
}

/** What Ignition cannot express, or what needs Ignition. */
function validateIgnition(spec: KubeadmConfigSpec, path: FieldPath, options: SpecValidationOptions): FieldError[] {
  const errors: FieldError[] = [];
  if (!options.ignitionEnabled) {
    if (spec.format === 'ignition') {
      errors.push(
        field.forbidden(
          path.child('format'),
          'can be set only if the KubeadmBootstrapFormatIgnition feature gate is enabled',
        ),
      );
    }
    if (spec.ignition) {
      errors.push(
        field.forbidden(
          path.child('ignition'),
          'can be set only if the KubeadmBootstrapFormatIgnition feature gate is enabled',
        ),
      );
    }
    return errors;
  }
  if (spec.format !== 'ignition') {
    if (spec.ignition) errors.push(field.forbidden(path.child('ignition'), 'allowed only when format is "ignition"'));
    return errors;
  }
  const notSupported = 'not supported when format is "ignition"';
  (spec.users ?? []).forEach((user, i) => {
    if (user.inactive !== undefined)
      errors.push(field.forbidden(path.child('users').index(i).child('inactive'), notSupported));
  });
  (spec.files ?? []).forEach((file, i) => {
    if (file.encoding === 'gzip' || file.encoding === 'gzip+base64') {
      errors.push(field.invalid(path.child('files').index(i).child('encoding'), file.encoding, notSupported));
    }
  });
  if (spec.bootCommands && spec.bootCommands.length > 0)
    errors.push(field.forbidden(path.child('bootCommands'), notSupported));
  (spec.diskSetup?.partitions ?? []).forEach((partition, i) => {
    if (partition.tableType !== undefined && partition.tableType !== 'gpt') {
      const at = path.child('diskSetup', 'partitions').index(i).child('tableType');
      errors.push(
        field.invalid(at, partition.tableType, `only partition type "gpt" is supported when format is "ignition"`),
      );
    }
  });
  (spec.diskSetup?.filesystems ?? []).forEach((fs, i) => {
    const at = path.child('diskSetup', 'filesystems').index(i);
    if (fs.replaceFS !== undefined) errors.push(field.forbidden(at.child('replaceFS'), notSupported));
    if (fs.partition !== undefined) errors.push(field.forbidden(at.child('partition'), notSupported));
  });
  return errors;
}

/**
 * The admission rules of Cluster API's KubeadmConfig webhook that the CRD schema cannot express: content xor
 * contentFrom and unique paths for files, passwd xor passwdFrom, one kubeconfig authentication method, and what the
 * Ignition format forbids or requires. `path` is where the spec sits (`spec`, or `spec.template.spec`).
 */
export function validateKubeadmConfigSpec(
  spec: KubeadmConfigSpec | undefined,
  path: FieldPath,
  options: SpecValidationOptions,
): FieldError[] {
  if (!spec) return [];
  return [
    ...validateFiles(spec, path),
    ...validateUsers(spec, path),
    ...validateDiscovery(spec, path),
    ...validateIgnition(spec, path, options),
  ];
}

/** The path of a KubeadmConfig's spec. */
export const CONFIG_SPEC_PATH = FieldPath.of('spec');
/** The path of a KubeadmConfigTemplate's embedded spec. */
export const TEMPLATE_SPEC_PATH = FieldPath.of('spec', 'template', 'spec');
