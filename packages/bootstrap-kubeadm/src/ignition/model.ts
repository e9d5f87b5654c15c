import type { KubeadmConfigSpec } from '../api/v1beta2/index.js';
import type { BootstrapInput, ResolvedUser } from '../cloudinit/index.js';
import { SENTINEL_FILE } from '../cloudinit/index.js';
import { literalBlockValue } from './encoding.js';

// What CABPK's Container Linux Config template describes, as plain data: the same users, units, disks,
// filesystems and files, in the same order, with file contents as the bytes they end up as. The Ignition 2.3 and
// 3.x writers serialise this model.

/** A user of `passwd.users`. */
export interface IgnitionUser {
  name: string;
  gecos?: string;
  groups?: string[];
  homeDir?: string;
  shell?: string;
  passwordHash?: string;
  primaryGroup?: string;
  sshAuthorizedKeys?: string[];
}

/** A systemd unit. */
export interface IgnitionUnit {
  name: string;
  enabled: boolean;
  contents?: string;
}

/** A file and its final bytes. */
export interface IgnitionFile {
  path: string;
  user?: string;
  group?: string;
  mode?: number;
  contents: Uint8Array;
}

/** A disk to partition. */
export interface IgnitionDisk {
  device: string;
  wipeTable: boolean;
  /** One partition spanning the disk. */
  wholeDiskPartition: boolean;
}

/** A filesystem to create. */
export interface IgnitionFilesystem {
  name?: string;
  device: string;
  format: string;
  wipeFilesystem: boolean;
  label?: string;
  options?: string[];
}

/** Everything an Ignition config of a node holds. */
export interface IgnitionModel {
  users: IgnitionUser[];
  units: IgnitionUnit[];
  disks: IgnitionDisk[];
  filesystems: IgnitionFilesystem[];
  files: IgnitionFile[];
}

/** Where the Ignition flavour keeps kubeadm's configuration until the script ran. */
export const IGNITION_KUBEADM_CONFIG = '/etc/kubeadm.yml';
/** The script `kubeadm.service` runs once. */
export const IGNITION_KUBEADM_SCRIPT = '/etc/kubeadm.sh';

/**
 * The unit running the bootstrap script once (while `/etc/kubeadm.yml` exists). It runs the script through bash,
 * as Cluster API main does since `/etc` may be mounted noexec (v1.14.0 executed the script directly).
 */
export const KUBEADM_UNIT =
  '[Unit]\nDescription=kubeadm\n# Run only once. After successful run, this file is moved to /tmp/.\n' +
  'ConditionPathExists=/etc/kubeadm.yml\nAfter=network.target\n[Service]\n' +
  '# To not restart the unit when it exits, as it is expected.\nType=oneshot\nExecStart=/bin/bash /etc/kubeadm.sh\n' +
  '[Install]\nWantedBy=multi-user.target\n';

const SSHD_CONFIG =
  '# Use most defaults for sshd configuration.\nSubsystem sftp internal-sftp\nClientAliveInterval 180\nUseDNS no\n' +
  'UsePAM yes\nPrintLastLog no # handled by PAM\nPrintMotd no # handled by PAM\n\n';

const NTP_CONF_TAIL =
  '\n# Warning: Using default NTP settings will leave your NTP\n# server accessible to all hosts on the Internet.\n\n' +
  '# If you want to deny all machines (including your own)\n# from accessing the NTP server, uncomment:\n' +
  '#restrict default ignore\n\n# Default configuration:\n' +
  '# - Allow only time queries, at a limited rate, sending KoD when in excess.\n' +
  '# - Allow all local queries (IPv4, IPv6)\nrestrict default nomodify nopeer noquery notrap limited kod\n' +
  'restrict 127.0.0.1\nrestrict [::1]\n';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** An octal permission string (`0600`) as the integer mode Ignition stores. */
export function parseMode(permissions: string): number {
  if (!/^0?[0-7]{1,4}$/.test(permissions))
    throw new Error(`file permissions ${JSON.stringify(permissions)} are not octal`);
  return Number.parseInt(permissions, 8);
}

/** `owner` ("user:group", "user", ":group") split as CABPK splits it. */
export function parseOwner(owner: string | undefined): { user?: string; group?: string } {
  if (!owner) return {};
  const [user = '', group = ''] = owner.split(':');
  return { ...(user ? { user: user.trim() } : {}), ...(group ? { group: group.trim() } : {}) };
}

/** A systemd mount unit name for a mount point (`/var/lib/x` → `var-lib-x`). */
export function mountUnitName(mountpoint: string): string {
  return mountpoint.replaceAll('/', '-').replace(/^-/, '');
}

/** The bootstrap script: pre commands, kubeadm, the sentinel file, then post commands. */
export function kubeadmScript(pre: readonly string[], kubeadmCommand: string, post: readonly string[]): string {
  const lines = ['#!/bin/bash', 'set -e', '', ...pre, '', kubeadmCommand];
  lines.push(
    `mkdir -p /run/cluster-api && echo success > ${SENTINEL_FILE}`,
    `mv ${IGNITION_KUBEADM_CONFIG} /tmp/`,
    '',
    ...post,
  );
  return literalBlockValue(lines.join('\n'));
}

function user(u: ResolvedUser): IgnitionUser {
  return {
    name: u.name,
    ...(u.gecos ? { gecos: u.gecos } : {}),
    ...(u.groups ? { groups: u.groups.split(', ') } : {}),
    ...(u.homeDir ? { homeDir: u.homeDir } : {}),
    ...(u.shell ? { shell: u.shell } : {}),
    ...(u.passwd ? { passwordHash: u.passwd } : {}),
    ...(u.primaryGroup ? { primaryGroup: u.primaryGroup } : {}),
    ...(u.sshAuthorizedKeys && u.sshAuthorizedKeys.length > 0 ? { sshAuthorizedKeys: [...u.sshAuthorizedKeys] } : {}),
  };
}

function mountUnits(mounts: readonly string[][], diskSetup: KubeadmConfigSpec['diskSetup']): IgnitionUnit[] {
  const deviceByLabel = new Map((diskSetup?.filesystems ?? []).map((fs) => [fs.label ?? '', fs.device]));
  return mounts.map(([label = '', mountpoint = '', ...options]) => ({
    name: `${mountUnitName(mountpoint)}.mount`,
    enabled: true,
    contents:
      `[Unit]\nDescription = Mount ${label}\n\n[Mount]\nWhat=${deviceByLabel.get(label) ?? ''}\nWhere=${mountpoint}\n` +
      `Options=${options.join(',')}\n\n[Install]\nWantedBy=multi-user.target\n`,
  }));
}

/** The Ignition model of a node: `kubeadmCommand` runs with `kubeadmConfig` in `/etc/kubeadm.yml`. */
export function ignitionModel(input: BootstrapInput, kubeadmCommand: string, kubeadmConfig: string): IgnitionModel {
  const users = input.users ?? [];
  const files: IgnitionFile[] = [];
  for (const u of users) {
    if (u.sudo) files.push({ path: `/etc/sudoers.d/${u.name}`, mode: 0o600, contents: text(`${u.name} ${u.sudo}\n`) });
  }
  const passwordUsers = users.filter((u) => u.lockPassword === false).map((u) => u.name);
  if (passwordUsers.length > 0) {
    files.push({
      path: '/etc/ssh/sshd_config',
      mode: 0o600,
      contents: text(`${SSHD_CONFIG}Match User ${passwordUsers.join(',')}\n  PasswordAuthentication yes\n`),
    });
  }
  for (const file of input.writeFiles) {
    const value = literalBlockValue(file.content);
    files.push({
      path: file.path,
      ...parseOwner(file.owner),
      ...(file.permissions ? { mode: parseMode(file.permissions) } : {}),
      contents: file.encoding === 'base64' ? new Uint8Array(Buffer.from(value, 'base64')) : text(value),
    });
  }
  files.push({
    path: IGNITION_KUBEADM_SCRIPT,
    mode: 0o700,
    contents: text(kubeadmScript(input.preKubeadmCommands ?? [], kubeadmCommand, input.postKubeadmCommands ?? [])),
  });
  files.push({
    path: IGNITION_KUBEADM_CONFIG,
    mode: 0o600,
    contents: text(literalBlockValue(`---\n${kubeadmConfig}`)),
  });
  const ntp = input.ntp;
  if (ntp?.enabled && ntp.servers && ntp.servers.length > 0) {
    const servers = ntp.servers.map((s) => `server ${s}\n`).join('');
    files.push({ path: '/etc/ntp.conf', mode: 0o644, contents: text(`# Common pool\n${servers}${NTP_CONF_TAIL}`) });
  }

  const units: IgnitionUnit[] = [{ name: 'kubeadm.service', enabled: true, contents: KUBEADM_UNIT }];
  if (ntp?.enabled) units.push({ name: 'ntpd.service', enabled: true });
  units.push(...mountUnits(input.mounts ?? [], input.diskSetup));

  return {
    users: users.map(user),
    units,
    disks: (input.diskSetup?.partitions ?? []).map((p) => ({
      device: p.device,
      wipeTable: p.overwrite === true,
      wholeDiskPartition: p.layout !== undefined,
    })),
    filesystems: (input.diskSetup?.filesystems ?? []).map((fs) => ({
      ...(fs.label ? { name: fs.label } : {}),
      device: fs.device,
      format: fs.filesystem,
      wipeFilesystem: fs.overwrite === true,
      ...(fs.label ? { label: fs.label } : {}),
      ...(fs.extraOpts && fs.extraOpts.length > 0 ? { options: [...fs.extraOpts] } : {}),
    })),
    files,
  };
}
