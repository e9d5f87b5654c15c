import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  goQuote,
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  workerCloudConfig,
} from '../../src/cloudinit/index.js';
import { EVERY_OPTION } from './fixtures.js';

// The vectors of CABPK's pkg/cloudinit/cloudinit_test.go, and properties every output must have.

const commands = {
  writeFiles: [],
  bootCommands: ['echo $(date)', "echo 'hello BootCommands!'"],
  preKubeadmCommands: [`"echo $(date) ': hello PreKubeadmCommands!'"`],
  postKubeadmCommands: ["echo $(date) ': hello PostKubeadmCommands!'"],
};
const init = { clusterConfiguration: 'my-cluster-config', initConfiguration: 'my-init-config' };

describe('upstream vectors', () => {
  it('writes additional files with their encoding and append flag', () => {
    const out = initControlPlaneCloudConfig({
      ...init,
      writeFiles: [
        { path: '/tmp/my-path', encoding: 'base64', content: 'aGk=' },
        { path: '/tmp/my-other-path', content: 'hi' },
        { path: '/tmp/existing-path', append: true, content: 'hi' },
      ],
    });
    expect(out).toContain('-   path: /tmp/my-path\n    encoding: "base64"\n    content: |\n      aGk=');
    expect(out).toContain('-   path: /tmp/my-other-path\n    content: |\n      hi');
    expect(out).toContain('-   path: /tmp/existing-path\n    append: true\n    content: |\n      hi');
  });

  it('init: boot commands and runcmd with two spaces when verbosity is unset', () => {
    const out = initControlPlaneCloudConfig({ ...init, ...commands });
    expect(out).toContain('bootcmd:\n  - "echo $(date)"\n  - "echo \'hello BootCommands!\'"');
    expect(out).toContain(
      'runcmd:\n  - "\\"echo $(date) \': hello PreKubeadmCommands!\'\\""\n' +
        "  - 'kubeadm init --config /run/kubeadm/kubeadm.yaml  && echo success > /run/cluster-api/bootstrap-success.complete'\n" +
        '  - "echo $(date) \': hello PostKubeadmCommands!\'"',
    );
  });

  it.each([
    ['join control plane', joinControlPlaneCloudConfig],
    ['worker', workerCloudConfig],
  ])('%s: unquoted kubeadm join', (_, render) => {
    const out = render({ ...commands, joinConfiguration: 'my-join-config' });
    expect(out).toContain(
      'runcmd:\n  - "\\"echo $(date) \': hello PreKubeadmCommands!\'\\""\n' +
        '  - kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml  && echo success > /run/cluster-api/bootstrap-success.complete\n' +
        '  - "echo $(date) \': hello PostKubeadmCommands!\'"',
    );
  });

  it('disk setup, filesystems and mounts', () => {
    const out = initControlPlaneCloudConfig({
      ...init,
      writeFiles: [],
      diskSetup: {
        partitions: [{ device: 'test-device', layout: true, overwrite: false, tableType: 'gpt' }],
        filesystems: [
          {
            device: 'test-device',
            filesystem: 'ext4',
            label: 'test_disk',
            extraOpts: ['-F', '-E', 'lazy_itable_init=1,lazy_journal_init=1'],
          },
        ],
      },
      mounts: [['test_disk', '/var/lib/testdir']],
    });
    expect(out).toContain('disk_setup:\n  test-device:\n    table_type: gpt\n    layout: true\n    overwrite: false');
    expect(out).toContain(
      'fs_setup:\n  - label: test_disk\n    filesystem: ext4\n    device: test-device\n    extra_opts:\n' +
        '      - -F\n      - -E\n      - lazy_itable_init=1,lazy_journal_init=1',
    );
    expect(out).toContain('mounts:\n  - - test_disk\n    - /var/lib/testdir');
  });

  it.each([
    [
      [{ percentage: 30, partitionType: 'Linux' }, { percentage: 20 }, { percentage: 50, partitionType: 'LinuxRAID' }],
      '      - [30, 83]\n      - 20\n      - [50, fd]',
    ],
    [[{ percentage: 100, partitionType: 'LinuxSwap' }], '      - [100, 82]'],
    [
      [{ percentage: 100, partitionType: '0fc63daf-8483-4772-8e79-3d69d8477de4' }],
      '      - [100, 0fc63daf-8483-4772-8e79-3d69d8477de4]',
    ],
  ])('disk layout %#', (diskLayout, expected) => {
    const out = initControlPlaneCloudConfig({
      ...init,
      writeFiles: [],
      diskSetup: { partitions: [{ device: 'test-device', tableType: 'gpt', diskLayout }] },
    });
    expect(out).toContain(`disk_setup:\n  test-device:\n    table_type: gpt\n    layout:\n${expected}`);
  });

  it('empty and missing lists render the same', () => {
    const a = initControlPlaneCloudConfig({
      ...init,
      writeFiles: [],
      bootCommands: [],
      users: [],
      mounts: [],
      ntp: { servers: [] },
    });
    const b = initControlPlaneCloudConfig({ ...init, writeFiles: [], ntp: {} });
    expect(a).toBe(b);
  });
});

describe('every output', () => {
  it.each([
    [
      'init',
      initControlPlaneCloudConfig({ ...EVERY_OPTION, clusterConfiguration: 'a: 1\n', initConfiguration: 'b: 2\n' }),
    ],
    ['join', joinControlPlaneCloudConfig({ ...EVERY_OPTION, joinConfiguration: 'c: 3\n' })],
    ['worker', workerCloudConfig({ ...EVERY_OPTION, joinConfiguration: 'c: 3\n' })],
  ])('%s is YAML with the jinja header and writes the sentinel file', (_, out) => {
    expect(out.startsWith('## template: jinja\n#cloud-config\n')).toBe(true);
    const doc = parse(out) as { runcmd: string[]; write_files: { path: string }[] };
    expect(doc.runcmd.some((c) => c.includes('echo success > /run/cluster-api/bootstrap-success.complete'))).toBe(true);
    expect(doc.write_files.map((f) => f.path)).toContain('/run/cluster-api/placeholder');
    expect(doc.runcmd.some((c) => c.includes('--v 10'))).toBe(true);
  });
});

describe('Go %q', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['tab\tnew\nline', '"tab\\tnew\\nline"'],
    ['bell\x07', '"bell\\a"'],
    ['\x01', '"\\x01"'],
    ['héllo ✓', '"héllo ✓"'],
    ['\u200b', '"\\u200b"'],
  ])('%j → %s', (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });
});
