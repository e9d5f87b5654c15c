import { describe, expect, it } from 'vitest';
import type { BootstrapRole } from '../../src/cloudinit/index.js';
import { renderBootstrapData } from '../../src/controllers/kubeadmconfig/bootstrap-data.js';
import { ContainerLinuxConfigError } from '../../src/ignition/index.js';
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

  it('merges a Container Linux Config into Ignition 2.3', () => {
    const spec = {
      format: 'ignition' as const,
      ignition: { containerLinuxConfig: { additionalConfig: 'systemd:\n  units:\n    - name: extra.service\n' } },
    };
    const units = (JSON.parse(renderBootstrapData(spec, input).value) as { systemd: { units: { name: string }[] } })
      .systemd.units;
    expect(units.map((u) => u.name)).toEqual(['kubeadm.service', 'extra.service']);
  });

  it('merges a Container Linux Config into Ignition 3.4 and reports a bad one', () => {
    const spec = (additionalConfig: string) => ({
      format: 'ignition' as const,
      ignition: { version: '3.4.0' as const, containerLinuxConfig: { additionalConfig } },
    });
    const data = renderBootstrapData(spec('systemd:\n  units:\n    - name: extra.service\n'), input);
    expect((JSON.parse(data.value) as { ignition: { version: string } }).ignition.version).toBe('3.4.0');
    expect(data.value).toContain('"name":"extra.service"');
    expect(() => renderBootstrapData(spec('storage: []'), input)).toThrow(ContainerLinuxConfigError);
    expect(() => renderBootstrapData(spec('storage: []'), input)).toThrow(
      'spec.ignition.containerLinuxConfig.additionalConfig',
    );
  });
});
