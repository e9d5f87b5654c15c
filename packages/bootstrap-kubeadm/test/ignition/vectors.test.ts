import { describe, expect, it } from 'vitest';
import type { BootstrapInput } from '../../src/cloudinit/index.js';
import { ignitionModel, KUBEADM_UNIT, renderIgnitionV2 } from '../../src/ignition/index.js';

// The vectors of CABPK's pkg/ignition/clc/clc_test.go (TestRender), rendered without the transpiler. Upstream main
// runs the script with `/bin/bash` (v1.14.0: directly), which is what these expect.

const pre = [
  'pre-command',
  'another-pre-command',
  'cat <<EOF > /etc/modules-load.d/containerd.conf\noverlay\nbr_netfilter\nEOF\n',
];
const post = ['post-kubeadm-command', 'another-post-kubeamd-command', pre[2] as string];
const SCRIPT =
  'data:,%23!%2Fbin%2Fbash%0Aset%20-e%0A%0Apre-command%0Aanother-pre-command%0Acat%20%3C%3CEOF%20%3E%20%2Fetc%2Fmodules-load.d%2Fcontainerd.conf%0Aoverlay%0Abr_netfilter%0AEOF%0A%0A%0Akubeadm%20join%0Amkdir%20-p%20%2Frun%2Fcluster-api%20%26%26%20echo%20success%20%3E%20%2Frun%2Fcluster-api%2Fbootstrap-success.complete%0Amv%20%2Fetc%2Fkubeadm.yml%20%2Ftmp%2F%0A%0Apost-kubeadm-command%0Aanother-post-kubeamd-command%0Acat%20%3C%3CEOF%20%3E%20%2Fetc%2Fmodules-load.d%2Fcontainerd.conf%0Aoverlay%0Abr_netfilter%0AEOF%0A';
const KUBEADM_YML = 'data:,---%0Afoo%0A';

const file = (path: string, source: string, mode: number, owner: Record<string, unknown> = {}) => ({
  filesystem: 'root',
  ...owner,
  path,
  contents: { source, verification: {} },
  mode,
});
const kubeadmUnit = { contents: KUBEADM_UNIT, enabled: true, name: 'kubeadm.service' };

const render = (input: Partial<BootstrapInput>) =>
  JSON.parse(
    renderIgnitionV2(
      ignitionModel(
        { writeFiles: [], preKubeadmCommands: pre, postKubeadmCommands: post, ...input },
        'kubeadm join',
        'foo',
      ),
    ),
  ) as Record<string, unknown>;

describe('Ignition 2.3 vectors', () => {
  it('renders users, disks, filesystems, mounts, NTP and files', () => {
    const out = render({
      ntp: { enabled: true, servers: ['foo.bar', 'baz'] },
      users: [
        {
          name: 'foo',
          gecos: 'Foo B. Bar',
          groups: 'foo, bar',
          homeDir: '/home/foo',
          shell: '/bin/false',
          passwd: '$6$j212wezy$7H/1LT4f9/N3wpgNunhsIqtMj62OKiS3nyNwuizouQc3u7MbYCarYeAHWYPYb2FT.lbioDm2RrkJPb9BZMN1O/',
          primaryGroup: 'foo',
          sudo: 'ALL=(ALL) NOPASSWD:ALL',
          sshAuthorizedKeys: ['foo', 'bar'],
        },
      ],
      diskSetup: {
        partitions: [{ device: '/dev/disk/azure/scsi1/lun0', layout: true, overwrite: true, tableType: 'gpt' }],
        filesystems: [
          {
            device: '/dev/disk/azure/scsi1/lun0',
            filesystem: 'ext4',
            label: 'test_disk',
            extraOpts: ['-F', '-E', 'lazy_itable_init=1,lazy_journal_init=1'],
            overwrite: true,
          },
        ],
      },
      mounts: [['test_disk', '/var/lib/testdir', 'foo']],
      writeFiles: [
        {
          path: '/etc/testfile.yaml',
          encoding: 'base64',
          content: 'Zm9vCg==',
          permissions: '0600',
          owner: 'nobody:nobody',
        },
      ],
    });
    expect(out).toEqual({
      ignition: { config: {}, security: { tls: {} }, timeouts: {}, version: '2.3.0' },
      networkd: {},
      passwd: {
        users: [
          {
            gecos: 'Foo B. Bar',
            groups: ['foo', 'bar'],
            homeDir: '/home/foo',
            name: 'foo',
            passwordHash:
              '$6$j212wezy$7H/1LT4f9/N3wpgNunhsIqtMj62OKiS3nyNwuizouQc3u7MbYCarYeAHWYPYb2FT.lbioDm2RrkJPb9BZMN1O/',
            primaryGroup: 'foo',
            shell: '/bin/false',
            sshAuthorizedKeys: ['foo', 'bar'],
          },
        ],
      },
      storage: {
        disks: [{ device: '/dev/disk/azure/scsi1/lun0', partitions: [{}], wipeTable: true }],
        files: [
          file('/etc/sudoers.d/foo', 'data:,foo%20ALL%3D(ALL)%20NOPASSWD%3AALL%0A', 384),
          file('/etc/testfile.yaml', 'data:,foo%0A', 384, { group: { name: 'nobody' }, user: { name: 'nobody' } }),
          file('/etc/kubeadm.sh', SCRIPT, 448),
          file('/etc/kubeadm.yml', KUBEADM_YML, 384),
          file(
            '/etc/ntp.conf',
            'data:,%23%20Common%20pool%0Aserver%20foo.bar%0Aserver%20baz%0A%0A%23%20Warning%3A%20Using%20default%20NTP%20settings%20will%20leave%20your%20NTP%0A%23%20server%20accessible%20to%20all%20hosts%20on%20the%20Internet.%0A%0A%23%20If%20you%20want%20to%20deny%20all%20machines%20(including%20your%20own)%0A%23%20from%20accessing%20the%20NTP%20server%2C%20uncomment%3A%0A%23restrict%20default%20ignore%0A%0A%23%20Default%20configuration%3A%0A%23%20-%20Allow%20only%20time%20queries%2C%20at%20a%20limited%20rate%2C%20sending%20KoD%20when%20in%20excess.%0A%23%20-%20Allow%20all%20local%20queries%20(IPv4%2C%20IPv6)%0Arestrict%20default%20nomodify%20nopeer%20noquery%20notrap%20limited%20kod%0Arestrict%20127.0.0.1%0Arestrict%20%5B%3A%3A1%5D%0A',
            420,
          ),
        ],
        filesystems: [
          {
            mount: {
              device: '/dev/disk/azure/scsi1/lun0',
              format: 'ext4',
              label: 'test_disk',
              options: ['-F', '-E', 'lazy_itable_init=1,lazy_journal_init=1'],
              wipeFilesystem: true,
            },
            name: 'test_disk',
          },
        ],
      },
      systemd: {
        units: [
          kubeadmUnit,
          { enabled: true, name: 'ntpd.service' },
          {
            contents:
              '[Unit]\nDescription = Mount test_disk\n\n[Mount]\nWhat=/dev/disk/azure/scsi1/lun0\nWhere=/var/lib/testdir\nOptions=foo\n\n[Install]\nWantedBy=multi-user.target\n',
            enabled: true,
            name: 'var-lib-testdir.mount',
          },
        ],
      },
    });
  });

  it('allows password login over SSH for users with lockPassword: false', () => {
    const out = render({
      users: [
        { name: 'foo', lockPassword: false },
        { name: 'bar', lockPassword: false },
      ],
    });
    expect(out.passwd).toEqual({ users: [{ name: 'foo' }, { name: 'bar' }] });
    expect((out.storage as { files: unknown[] }).files[0]).toEqual(
      file(
        '/etc/ssh/sshd_config',
        'data:,%23%20Use%20most%20defaults%20for%20sshd%20configuration.%0ASubsystem%20sftp%20internal-sftp%0AClientAliveInterval%20180%0AUseDNS%20no%0AUsePAM%20yes%0APrintLastLog%20no%20%23%20handled%20by%20PAM%0APrintMotd%20no%20%23%20handled%20by%20PAM%0A%0AMatch%20User%20foo%2Cbar%0A%20%20PasswordAuthentication%20yes%0A',
        384,
      ),
    );
  });

  it('decodes base64 contents and ends plain contents with one newline', () => {
    const out = render({
      writeFiles: [
        { path: '/etc/base64encodedcontent.yaml', encoding: 'base64', content: 'Zm9vCg==', permissions: '0600' },
        { path: '/etc/plaincontent.yaml', content: 'foo', permissions: '0600' },
      ],
    });
    const files = (out.storage as { files: unknown[] }).files;
    expect(files.slice(0, 2)).toEqual([
      file('/etc/base64encodedcontent.yaml', 'data:,foo%0A', 384),
      file('/etc/plaincontent.yaml', 'data:,foo%0A', 384),
    ]);
    expect(out.systemd).toEqual({ units: [kubeadmUnit] });
  });

  it.each([
    ['nobody:nobody', { group: { name: 'nobody' }, user: { name: 'nobody' } }],
    ['nobody', { user: { name: 'nobody' } }],
    ['nobody:', { user: { name: 'nobody' } }],
    [':nobody', { group: { name: 'nobody' } }],
  ])('owner %j', (owner, expected) => {
    const out = render({ writeFiles: [{ path: '/etc/x.yaml', owner, permissions: '0600', content: '' }] });
    expect((out.storage as { files: unknown[] }).files[0]).toEqual(file('/etc/x.yaml', 'data:,', 384, expected));
  });

  it('writes JSON as Go does: struct field order and HTML-safe escapes', () => {
    const json = renderIgnitionV2(
      ignitionModel({ writeFiles: [], users: [{ name: 'a', gecos: '<&>' }] }, 'kubeadm join', 'foo'),
    );
    expect(
      json.startsWith(
        '{"ignition":{"config":{},"security":{"tls":{}},"timeouts":{},"version":"2.3.0"},"networkd":{},"passwd":{"users":[{"gecos":"\\u003c\\u0026\\u003e","name":"a"}]},"storage":{"files":[{"filesystem":"root","path":"/etc/kubeadm.sh","contents":{"source":"data:,',
      ),
    ).toBe(true);
  });
});
