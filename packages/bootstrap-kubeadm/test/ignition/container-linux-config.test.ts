import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BootstrapRole } from '../../src/cloudinit/index.js';
import { inGoFieldOrder } from '../../src/ignition/clc/go-order.js';
import { ContainerLinuxConfigError, renderIgnition } from '../../src/ignition/index.js';
import { EVERY_OPTION, INIT_DOCUMENTS, MINIMAL, WORKER_DOCUMENT } from '../cloudinit/fixtures.js';
import { expectGolden } from '../cloudinit/golden.js';

// spec.ignition.containerLinuxConfig.additionalConfig: transpiled as the Container Linux Config transpiler does and
// appended to the generated Ignition 2.3 config as CABPK does, or merged into the 3.4 config with Ignition 3's rules
// (test/golden/clc-*.ign, pretty-printed).

const worker: BootstrapRole = { role: 'worker', ...MINIMAL, joinConfiguration: WORKER_DOCUMENT };

/** Cluster API Provider OpenStack's Flatcar flavor (templates/cluster-template-flatcar.yaml). */
const OPENSTACK_FLATCAR = `systemd:
  units:
  - name: coreos-metadata-sshkeys@.service
    enabled: true
  - name: kubeadm.service
    enabled: true
    dropins:
    - name: 10-flatcar.conf
      contents: |
        [Unit]
        Requires=containerd.service coreos-metadata.service
        After=containerd.service coreos-metadata.service

        [Service]
        EnvironmentFile=/run/metadata/flatcar
`;

/** Cluster API's Ignition end-to-end template: a file written by the additional config. */
const E2E_FILE = `storage:
  files:
  - path: /opt/foo
    mode: 0644
    contents:
      inline: |
        foo bar baz
`;

/** Most sections the transpiler knows, as a Flatcar user might write them. */
const EVERY_SECTION = `---
ignition:
  config:
    append:
    - source: https://config.example.com/extra.ign
      verification:
        hash:
          function: sha512
          sum: ${'ab'.repeat(64)}
  timeouts:
    http_total: 30
passwd:
  users:
  - name: core
    ssh_authorized_keys:
    - ssh-ed25519 AAAAC3Nza core@example
  - name: operator
    uid: 1500
    groups: [sudo, docker]
    shell: /bin/bash
  groups:
  - name: operators
    gid: 1600
storage:
  directories:
  - path: /opt/bin
    mode: 0755
  files:
  - path: /opt/bin/crictl
    mode: 0755
    contents:
      remote:
        url: https://example.com/crictl.gz
        compression: gzip
  - path: /etc/motd
    mode: 0644
    append: true
    user: {name: core}
    contents:
      inline: |
        Bootstrapped by Cluster API.
  - path: /etc/flatcar/update.conf.d/empty
    mode: 0600
  links:
  - path: /etc/systemd/system/multi-user.target.wants/containerd.service
    target: /usr/lib/systemd/system/containerd.service
  disks:
  - device: /dev/sdb
    wipe_table: true
    partitions:
    - label: data
      number: 1
      size: 0
      type_guid: linux_filesystem_data
  filesystems:
  - name: data
    mount:
      device: /dev/disk/by-partlabel/data
      format: xfs
      label: data
networkd:
  units:
  - name: 00-eth0.network
    contents: |
      [Match]
      Name=eth0

      [Network]
      DHCP=yes
systemd:
  units:
  - name: locksmithd.service
    mask: true
  - name: containerd.service
    dropins:
    - name: 10-limits.conf
      contents: |
        [Service]
        LimitNOFILE=1048576
update:
  group: stable
locksmith:
  reboot_strategy: "off"
`;

type Config = {
  ignition: { config: Record<string, unknown>; timeouts: Record<string, unknown>; version: string };
  passwd: { users?: { name: string }[] };
  storage: { files?: { path: string; mode?: number; contents: { source: string } }[] };
  systemd: { units?: { name: string; dropins?: { name: string }[]; enabled?: boolean }[] };
};

const render = (additionalConfig: string, strict = false, role: BootstrapRole = worker): Config =>
  JSON.parse(renderIgnition(role, '2.3.0', { additionalConfig, strict })) as Config;

const pretty = (json: string): string => `${JSON.stringify(JSON.parse(json), null, 2)}\n`;

describe('the additional Container Linux Config', () => {
  it.each([
    ['openstack-flatcar-worker', OPENSTACK_FLATCAR, worker],
    ['e2e-file-worker', E2E_FILE, worker],
    [
      'every-section-init-control-plane',
      EVERY_SECTION,
      { role: 'init-control-plane', ...EVERY_OPTION, bootCommands: undefined, ...INIT_DOCUMENTS } as BootstrapRole,
    ],
  ])('%s is appended to the generated config', (name, additionalConfig, role) => {
    expectGolden(`clc-${name}-2.3.0.ign`, pretty(renderIgnition(role, '2.3.0', { additionalConfig })));
  });

  it('appends units and files after the generated ones without replacing any', () => {
    const config = render(OPENSTACK_FLATCAR);
    expect(config.systemd.units?.map((u) => u.name)).toEqual([
      'kubeadm.service',
      'coreos-metadata-sshkeys@.service',
      'kubeadm.service',
    ]);
    expect(config.systemd.units?.[2]?.dropins?.map((d) => d.name)).toEqual(['10-flatcar.conf']);
    expect(render(E2E_FILE).storage.files?.map((f) => f.path)).toEqual([
      '/etc/kubeadm.sh',
      '/etc/kubeadm.yml',
      '/opt/foo',
    ]);
  });

  it('keeps the generated version and takes the config references and timeouts of the additional config', () => {
    const config = render(EVERY_SECTION);
    expect(config.ignition.version).toBe('2.3.0');
    expect(config.ignition.timeouts).toEqual({ httpTotal: 30 });
    expect(config.ignition.config).toEqual({
      append: [{ source: 'https://config.example.com/extra.ign', verification: { hash: `sha512-${'ab'.repeat(64)}` } }],
    });
  });

  it('writes update.conf from the update and locksmith sections after the user files', () => {
    const files = render(EVERY_SECTION).storage.files ?? [];
    expect(files.at(-1)).toEqual({
      filesystem: 'root',
      path: '/etc/coreos/update.conf',
      contents: { source: `data:,${encodeURIComponent('GROUP=stable\nREBOOT_STRATEGY="off"')}`, verification: {} },
      mode: 0o644,
    });
  });

  it('decodes !!binary contents and defaults modes and filesystems as the transpiler does', () => {
    const files = render('storage:\n  files:\n  - path: /etc/x\n    contents:\n      inline: !!binary aGk=\n').storage
      .files;
    expect(files?.at(-1)).toEqual({
      filesystem: 'root',
      path: '/etc/x',
      contents: { source: 'data:,hi', verification: {} },
      mode: 0o644,
    });
  });

  it('generates the docker.service drop-in of the docker section before the units of the config', () => {
    const units = render(
      'docker:\n  flags: [--iptables=false, --log-level=warn]\nsystemd:\n  units:\n  - name: a.service\n',
    ).systemd.units;
    expect(units?.slice(1)).toEqual([
      {
        dropins: [
          {
            contents: '[Service]\nEnvironment="DOCKER_OPTS=--iptables=false --log-level=warn"',
            name: '20-clct-docker.conf',
          },
        ],
        enable: true,
        name: 'docker.service',
      },
      { name: 'a.service' },
    ]);
  });

  it('ignores an etcd or flannel key without a value, as Go does', () => {
    expect(render('etcd:\nflannel: ~\n').systemd.units?.map((u) => u.name)).toEqual(['kubeadm.service']);
  });

  it('reads only the first YAML document, as Go does', () => {
    const files = render(`${E2E_FILE}---\nstorage:\n  files:\n  - {path: /ignored, mode: 0644}\n`).storage.files;
    expect(files?.map((f) => f.path)).toEqual(['/etc/kubeadm.sh', '/etc/kubeadm.yml', '/opt/foo']);
  });

  it('serialises the generated config alone exactly as before (the Go field order is stable)', () => {
    const golden = new URL('../golden/', import.meta.url);
    for (const file of readdirSync(golden).filter((f) => f.endsWith('-2.3.0.ign'))) {
      const document = JSON.parse(readFileSync(new URL(file, golden), 'utf8')) as unknown;
      expect(JSON.stringify(inGoFieldOrder(document)), file).toBe(JSON.stringify(document));
    }
  });
});

describe('a Container Linux Config that cannot be used', () => {
  const problem = (additionalConfig: string, strict = false): string => {
    try {
      render(additionalConfig, strict);
    } catch (error) {
      expect(error).toBeInstanceOf(ContainerLinuxConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ContainerLinuxConfigError');
  };

  it.each([
    ['a YAML syntax error', 'storage:\n  files: [\n', 'YAML: '],
    ['a duplicate key', 'storage: {}\nstorage: {}\n', 'YAML: Map keys must be unique'],
    ['a list instead of a mapping', '- a\n', 'the config is not a YAML mapping'],
    ['a wrong type', 'storage:\n  files:\n  - path: /a\n    mode: rw\n', 'storage.files[0].mode: expected an integer'],
    [
      'a relative path',
      'storage:\n  files:\n  - path: etc/a\n    mode: 0644\n',
      'storage.files[0].path: path not absolute',
    ],
    [
      'two content sources',
      'storage:\n  files:\n  - path: /a\n    mode: 0644\n    contents: {inline: a, remote: {url: "https://x/a"}}\n',
      'storage.files[0].contents: only one of',
    ],
    [
      'a local file',
      'storage:\n  files:\n  - path: /a\n    mode: 0644\n    contents: {local: a}\n',
      'storage.files[0].contents.local',
    ],
    [
      'an unknown URL scheme',
      'storage:\n  files:\n  - path: /a\n    mode: 0644\n    contents: {remote: {url: "ftp://x/a"}}\n',
      'storage.files[0].contents.remote.url: invalid url scheme',
    ],
    [
      'a unit without a known extension',
      'systemd:\n  units:\n  - name: foo.bar\n',
      'systemd.units[0].name: invalid systemd unit extension',
    ],
    [
      'a drop-in not ending in .conf',
      'systemd:\n  units:\n  - name: a.service\n    dropins: [{name: x, contents: "[Service]"}]\n',
      'systemd.units[0].dropins[0].name',
    ],
    [
      'a partition size finer than MiB',
      'storage:\n  disks:\n  - device: /dev/sdb\n    partitions: [{size: 1KiB}]\n',
      'storage.disks[0].partitions[0].size: invalid dimension',
    ],
    [
      'an unknown filesystem format',
      'storage:\n  filesystems:\n  - mount: {device: /dev/sdb, format: zfs}\n',
      'storage.filesystems[0].mount.format',
    ],
    ['a CLC version other than 0', 'version: 1\n', 'version: Invalid version'],
    ['a section generating units', 'etcd:\n  name: x\n', 'etcd: not supported by this provider'],
    ['an unknown reboot strategy', 'locksmith:\n  reboot_strategy: sometimes\n', 'locksmith.reboot_strategy'],
    [
      'a filesystem without mount or path',
      'storage:\n  filesystems:\n  - name: x\n',
      'storage.filesystems[0]: filesystem is missing mount or path',
    ],
    [
      'an xfs label over 12 characters',
      'storage:\n  filesystems:\n  - mount: {device: /dev/sdb, format: xfs, label: abcdefghijklm}\n',
      'storage.filesystems[0].mount.label: filesystem labels cannot be longer than 12',
    ],
    [
      'an unknown RAID level',
      'storage:\n  raid:\n  - {name: md, level: raid7, devices: [/dev/sda]}\n',
      'storage.raid[0].level: unrecognized raid level',
    ],
    [
      'spares on raid0',
      'storage:\n  raid:\n  - {name: md, level: raid0, spares: 1, devices: [/dev/sda]}\n',
      'storage.raid[0].spares',
    ],
    [
      'a malformed partition GUID',
      'storage:\n  disks:\n  - device: /dev/sdb\n    partitions: [{guid: nope}]\n',
      "partitions[0].guid: doesn't match the form",
    ],
    [
      'append with overwrite',
      'storage:\n  files:\n  - {path: /a, mode: 0644, append: true, overwrite: true}\n',
      'storage.files[0]: cannot set both append and overwrite to true',
    ],
    [
      'an owner by id and name',
      'storage:\n  files:\n  - {path: /a, mode: 0644, user: {id: 500, name: core}}\n',
      'storage.files[0].user: cannot set both id and name',
    ],
    [
      'a mode above 07777',
      'storage:\n  directories:\n  - {path: /a, mode: 0100000}\n',
      'storage.directories[0].mode: illegal file mode',
    ],
    [
      'create with user-level fields',
      'passwd:\n  users:\n  - name: a\n    shell: /bin/sh\n    create: {}\n',
      'passwd.users[0].shell: cannot use both the create object',
    ],
    [
      'an unknown hash function',
      'ignition:\n  config:\n    replace:\n      source: https://x/c.ign\n      verification: {hash: {function: md5, sum: ab}}\n',
      'ignition.config.replace.verification.hash.function: unrecognized hash function',
    ],
    [
      'an unclosed unit section',
      'systemd:\n  units:\n  - name: a.service\n    contents: "[Service\\nExecStart=/bin/true\\n"\n',
      'systemd.units[0].contents: invalid unit content',
    ],
    [
      'a networkd unit without a known extension',
      'networkd:\n  units:\n  - name: eth0.conf\n',
      'networkd.units[0].name: invalid networkd unit extension',
    ],
  ])('%s is an error naming the field', (_, additionalConfig, message) => {
    const text = problem(additionalConfig);
    expect(text).toContain(
      'spec.ignition.containerLinuxConfig.additionalConfig is not a valid Container Linux Config: ',
    );
    expect(text).toContain(message);
  });

  it('lists every problem', () => {
    expect(problem('storage:\n  files:\n  - path: a\n    mode: 0644\n  - path: b\n    mode: 0644\n')).toMatch(
      /storage\.files\[0\]\.path: path not absolute; storage\.files\[1\]\.path: path not absolute$/,
    );
  });

  it('never quotes values, which may be secrets', () => {
    const secret = '$6$rounds=4096$s3cr3t-hash';
    expect(problem(`passwd:\n  users:\n  - name: core\n    password_hash: [${secret}]\n`)).not.toContain('s3cr3t');
    expect(problem(`passwd:\n  users:\n  - name: core\n    password_hash: ${secret}\n   bad: indent\n`)).not.toContain(
      's3cr3t',
    );
  });

  it.each([
    ['an unknown key', 'storage:\n  filez: []\n', 'storage.filez: Config has unrecognized key: filez'],
    ['a file without mode', E2E_FILE.replace('    mode: 0644\n', ''), 'storage.files[0].mode: mode unspecified'],
    ['an empty config', '# nothing\n', 'Configuration is empty'],
    [
      'an enabled unit without [Install]',
      'systemd:\n  units:\n  - name: a.service\n    enabled: true\n    contents: "[Service]\\nExecStart=/bin/true\\n"\n',
      'systemd.units[0]: unit "a.service" is enabled, but has no install section',
    ],
    [
      'a partition label with a colon',
      'storage:\n  disks:\n  - device: /dev/sda\n    partitions:\n    - label: foo:bar\n',
      'partitions[0].label: partition label will be truncated to text before the colon',
    ],
    [
      'a deprecated create object',
      'passwd:\n  users:\n  - name: a\n    create: {shell: /bin/sh}\n',
      'passwd.users[0].create: the create object has been deprecated',
    ],
  ])('%s is only a warning, an error with strict', (_, additionalConfig, message) => {
    expect(() => render(additionalConfig)).not.toThrow();
    const text = problem(additionalConfig, true);
    expect(text).toContain('(strict: warnings are errors)');
    expect(text).toContain(message);
  });
});

describe('the additional Container Linux Config with Ignition 3.4.0', () => {
  type V3 = {
    storage: { files?: { path: string; overwrite?: boolean; append?: unknown[] }[]; directories?: { path: string }[] };
    systemd: { units: { name: string; enabled?: boolean; contents?: string; dropins?: { name: string }[] }[] };
  };
  const renderV3 = (additionalConfig: string, role: BootstrapRole = worker): V3 =>
    JSON.parse(renderIgnition(role, '3.4.0', { additionalConfig })) as V3;

  it.each([
    ['openstack-flatcar-worker', OPENSTACK_FLATCAR, worker],
    [
      'every-section-init-control-plane',
      EVERY_SECTION,
      { role: 'init-control-plane', ...EVERY_OPTION, bootCommands: undefined, ...INIT_DOCUMENTS } as BootstrapRole,
    ],
  ])('%s is merged into the generated config', (name, additionalConfig, role) => {
    expectGolden(`clc-${name}-3.4.0.ign`, pretty(renderIgnition(role, '3.4.0', { additionalConfig })));
  });

  it('merges a unit of the same name into the generated one', () => {
    const units = renderV3(OPENSTACK_FLATCAR).systemd.units;
    expect(units.map((u) => u.name)).toEqual(['kubeadm.service', 'coreos-metadata-sshkeys@.service']);
    expect(units[0]).toMatchObject({ enabled: true, dropins: [{ name: '10-flatcar.conf' }] });
    expect(units[0]?.contents).toContain('ExecStart=/bin/bash /etc/kubeadm.sh');
  });

  it('writes files over existing ones unless appending, as spec 2 did', () => {
    const files = renderV3(EVERY_SECTION).storage.files ?? [];
    expect(files.find((f) => f.path === '/opt/bin/crictl')?.overwrite).toBe(true);
    expect(files.find((f) => f.path === '/etc/motd')).toMatchObject({ append: [{ source: expect.any(String) }] });
    expect(files.find((f) => f.path === '/etc/motd')?.overwrite).toBeUndefined();
    expect(files.map((f) => f.path)).toContain('/etc/systemd/network/00-eth0.network');
  });

  it.each([
    [
      'a named filesystem',
      'storage:\n  files:\n  - {path: /a, mode: 0644, filesystem: oem}\n',
      'storage.files[0].filesystem',
    ],
    [
      'a user create object',
      'passwd:\n  users:\n  - name: a\n    create: {}\n',
      'passwd.users[0].create: removed in Ignition 3',
    ],
    [
      'a filesystem by path',
      'storage:\n  filesystems:\n  - {name: oem, path: /usr/share/oem}\n',
      'storage.filesystems[0].path',
    ],
  ])('refuses %s, which spec 3 cannot express', (_, additionalConfig, message) => {
    expect(() => renderV3(additionalConfig)).toThrow(ContainerLinuxConfigError);
    expect(() => renderV3(additionalConfig)).toThrow(message);
  });
});
