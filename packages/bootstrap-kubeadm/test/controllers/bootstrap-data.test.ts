import { describe, expect, it } from 'vitest';
import type { BootstrapRole } from '../../src/cloudinit/index.js';
import {
  renderBootstrapData,
  UnsupportedBootstrapOptionError,
} from '../../src/controllers/kubeadmconfig/bootstrap-data.js';
import { JOIN_CONTROL_PLANE_DOCUMENT } from '../cloudinit/fixtures.js';

const input: BootstrapRole = { role: 'worker', writeFiles: [], joinConfiguration: JOIN_CONTROL_PLANE_DOCUMENT };

describe('bootstrap data format', () => {
  it('is cloud-config by default', () => {
    const data = renderBootstrapData(undefined, input);
    expect(data.format).toBe('cloud-config');
    expect(data.value.startsWith('## template: jinja\n#cloud-config\n')).toBe(true);
  });

  it.each([
    [{ format: 'ignition' as const }, '2.3.0'],
    [{ format: 'ignition' as const, ignition: { version: '3.4.0' as const } }, '3.4.0'],
  ])('is Ignition %j', (spec, version) => {
    const data = renderBootstrapData(spec, input);
    expect(data.format).toBe('ignition');
    expect((JSON.parse(data.value) as { ignition: { version: string } }).ignition.version).toBe(version);
  });

  it('refuses a Container Linux Config to merge instead of dropping it', () => {
    const spec = {
      format: 'ignition' as const,
      ignition: { containerLinuxConfig: { additionalConfig: 'storage: {}' } },
    };
    expect(() => renderBootstrapData(spec, input)).toThrow(UnsupportedBootstrapOptionError);
    expect(() => renderBootstrapData(spec, input)).toThrow('spec.ignition.containerLinuxConfig.additionalConfig');
  });
});
