import { formatFieldError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import type { KubeadmConfigSpec } from '../../src/api/v1beta2/index.js';
import { CONFIG_SPEC_PATH, TEMPLATE_SPEC_PATH, validateKubeadmConfigSpec } from '../../src/webhooks/spec-validation.js';

const gateOn = { ignitionEnabled: true };
const gateOff = { ignitionEnabled: false };
const messages = (spec: KubeadmConfigSpec, options = gateOn, path = CONFIG_SPEC_PATH) =>
  validateKubeadmConfigSpec(spec, path, options).map(formatFieldError);

describe('KubeadmConfig admission rules', () => {
  it('accepts a valid spec and no spec', () => {
    expect(
      messages({
        files: [
          { path: '/a', content: 'x' },
          { path: '/b', contentFrom: { secret: { name: 's', key: 'k' } } },
        ],
      }),
    ).toEqual([]);
    expect(validateKubeadmConfigSpec(undefined, CONFIG_SPEC_PATH, gateOn)).toEqual([]);
  });

  it('rejects content with contentFrom and duplicate paths', () => {
    expect(
      messages({
        files: [
          { path: '/a', content: 'x', contentFrom: { secret: { name: 's', key: 'k' } } },
          { path: '/a', content: 'y' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^spec\.files\[0\]: Invalid value: .*only one of content or contentFrom/),
      'spec.files[1].path: Duplicate value: "/a"',
    ]);
  });

  it('rejects passwd with passwdFrom, and both kubeconfig authentication methods', () => {
    expect(
      messages({
        users: [{ name: 'u', passwd: 'x', passwdFrom: { secret: { name: 's', key: 'k' } } }],
        joinConfiguration: {
          discovery: {
            file: {
              kubeConfigPath: '/k',
              kubeConfig: { user: { authProvider: { name: 'p' }, exec: { command: 'c' } } },
            },
          },
        },
      }),
    ).toEqual([
      'spec.users[0]: Invalid value: "u": only one of passwd or passwdFrom may be specified',
      'spec.joinConfiguration.discovery.file.kubeConfig.user: Invalid value: "authProvider and exec": only one of authProvider or exec may be specified',
    ]);
  });

  it('forbids the Ignition format and options while the feature gate is off', () => {
    expect(messages({ format: 'ignition', ignition: { version: '3.4.0' } }, gateOff)).toEqual([
      'spec.format: Forbidden: can be set only if the KubeadmBootstrapFormatIgnition feature gate is enabled',
      'spec.ignition: Forbidden: can be set only if the KubeadmBootstrapFormatIgnition feature gate is enabled',
    ]);
  });

  it('allows Ignition options only with format ignition', () => {
    expect(messages({ ignition: { containerLinuxConfig: { strict: true } } })).toEqual([
      'spec.ignition: Forbidden: allowed only when format is "ignition"',
    ]);
    expect(messages({ format: 'ignition', ignition: { version: '3.4.0' } })).toEqual([]);
  });

  it('forbids what Ignition cannot do, at the template path for templates', () => {
    const spec: KubeadmConfigSpec = {
      format: 'ignition',
      users: [{ name: 'u', inactive: false }],
      files: [{ path: '/a', encoding: 'gzip', content: 'x' }],
      bootCommands: ['echo'],
      diskSetup: {
        partitions: [{ device: '/dev/sdb', layout: true, tableType: 'mbr' }],
        filesystems: [{ device: '/dev/sdb1', filesystem: 'ext4', replaceFS: 'ntfs', partition: 'auto' }],
      },
    };
    expect(messages(spec, gateOn, TEMPLATE_SPEC_PATH)).toEqual([
      'spec.template.spec.users[0].inactive: Forbidden: not supported when format is "ignition"',
      'spec.template.spec.files[0].encoding: Invalid value: "gzip": not supported when format is "ignition"',
      'spec.template.spec.bootCommands: Forbidden: not supported when format is "ignition"',
      'spec.template.spec.diskSetup.partitions[0].tableType: Invalid value: "mbr": only partition type "gpt" is supported when format is "ignition"',
      'spec.template.spec.diskSetup.filesystems[0].replaceFS: Forbidden: not supported when format is "ignition"',
      'spec.template.spec.diskSetup.filesystems[0].partition: Forbidden: not supported when format is "ignition"',
    ]);
  });
});
