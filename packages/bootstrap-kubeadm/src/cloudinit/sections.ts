import { goQuote } from './go-quote.js';
import type { BootstrapInput, ResolvedFile, ResolvedUser } from './input.js';

// The parts of CABPK's cloud-config templates, each producing exactly the text its Go template produces
// (including the trailing spaces some of them leave), so the user data is byte-for-byte upstream's.

/** Every line of `text` prefixed with `spaces` spaces (CABPK's `Indent`, empty lines included). */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.split('\n').join(`\n${pad}`);
}

/** `write_files:` and the given files, each with optional `encoding`, `owner`, `permissions`, `append`. */
export function writeFilesSection(files: readonly ResolvedFile[]): string {
  let out = 'write_files:';
  for (const file of files) {
    out += `\n-   path: ${file.path}\n    `;
    if (file.encoding) out += `encoding: "${file.encoding}"\n    `;
    if (file.owner) out += `owner: ${file.owner}\n    `;
    if (file.permissions) out += `permissions: '${file.permissions}'\n    `;
    if (file.append !== undefined) out += `append: ${file.append}\n    `;
    out += `content: |\n${indent(file.content, 6)}`;
  }
  return out;
}

/** One `  - "<command>"` line per command (Go `%q`). */
export function commandLines(commands: readonly string[] | undefined): string {
  return (commands ?? []).map((c) => `\n  - ${goQuote(c)}`).join('');
}

/** `bootcmd:` when there are boot commands. */
export function bootCommandsSection(commands: readonly string[] | undefined): string {
  return commands && commands.length > 0 ? `\nbootcmd:${commandLines(commands)}` : '';
}

/** `ntp:` when NTP is configured. */
export function ntpSection(ntp: BootstrapInput['ntp']): string {
  if (!ntp) return '';
  let out = '\nntp:\n  ';
  if (ntp.enabled !== undefined) out += `enabled: ${ntp.enabled}\n  `;
  out += 'servers:';
  for (const server of ntp.servers ?? []) out += `\n    - ${server}`;
  return out;
}

/** `users:` when there are users. */
export function usersSection(users: readonly ResolvedUser[] | undefined): string {
  if (!users || users.length === 0) return '';
  let out = '\nusers:';
  for (const user of users) {
    out += `\n  - name: ${user.name}`;
    if (user.passwd) out += `\n    passwd: ${user.passwd}`;
    if (user.gecos) out += `\n    gecos: ${user.gecos}`;
    if (user.groups) out += `\n    groups: ${user.groups}`;
    if (user.homeDir) out += `\n    homedir: ${user.homeDir}`;
    // Upstream prints `true` whenever the field is set, even to false.
    if (user.inactive !== undefined) out += '\n    inactive: true';
    if (user.lockPassword !== undefined) out += `\n    lock_passwd: ${user.lockPassword}`;
    if (user.shell) out += `\n    shell: ${user.shell}`;
    if (user.primaryGroup) out += `\n    primary_group: ${user.primaryGroup}`;
    if (user.sudo) out += `\n    sudo: ${user.sudo}`;
    if (user.sshAuthorizedKeys && user.sshAuthorizedKeys.length > 0) {
      out += '\n    ssh_authorized_keys:';
      for (const key of user.sshAuthorizedKeys) out += `\n      - ${key}`;
    }
  }
  return out;
}

/** cloud-init's MBR partition type codes for CABPK's partition type names; GUIDs pass through. */
const PARTITION_CODES: Record<string, string> = {
  Linux: '83',
  LinuxSwap: '82',
  LinuxRAID: 'fd',
  LVM: '8e',
  Fat32: '0c',
  NTFS: '07',
  LinuxExtended: '85',
};

/** `disk_setup:` when disk setup is configured. */
export function diskSetupSection(diskSetup: BootstrapInput['diskSetup']): string {
  if (!diskSetup) return '';
  let out = '\ndisk_setup:';
  for (const partition of diskSetup.partitions ?? []) {
    out += `\n  ${partition.device}:`;
    if (partition.tableType) out += `\n    table_type: ${partition.tableType}`;
    if (partition.diskLayout && partition.diskLayout.length > 0) {
      out += '\n    layout:';
      for (const part of partition.diskLayout) {
        out += part.partitionType
          ? `\n      - [${part.percentage}, ${PARTITION_CODES[part.partitionType] ?? part.partitionType}]`
          : `\n      - ${part.percentage}`;
      }
    } else {
      out += `\n    layout: ${partition.layout ?? '<nil>'}`;
    }
    if (partition.overwrite !== undefined) out += `\n    overwrite: ${partition.overwrite}`;
  }
  return out;
}

/** `fs_setup:` when disk setup is configured. */
export function fsSetupSection(diskSetup: BootstrapInput['diskSetup']): string {
  if (!diskSetup) return '';
  let out = '\nfs_setup:';
  for (const fs of diskSetup.filesystems ?? []) {
    out += `\n  - label: ${fs.label ?? ''}\n    filesystem: ${fs.filesystem}\n    device: ${fs.device}`;
    if (fs.partition) out += `\n    partition: ${fs.partition}`;
    if (fs.overwrite !== undefined) out += `\n    overwrite: ${fs.overwrite}`;
    if (fs.replaceFS) out += `\n    replace_fs: ${fs.replaceFS}`;
    if (fs.extraOpts && fs.extraOpts.length > 0) {
      out += '\n    extra_opts:';
      for (const opt of fs.extraOpts) out += `\n      - ${opt}`;
    }
  }
  return out;
}

/** `mounts:` when there are mounts (each entry a list of fstab fields). */
export function mountsSection(mounts: readonly (readonly string[])[] | undefined): string {
  if (!mounts || mounts.length === 0) return '';
  let out = '\nmounts:';
  for (const mount of mounts) out += `\n  - ${mount.map((field) => `- ${field}\n    `).join('')}`;
  return out;
}

/** The sections after `runcmd`, in upstream's order. */
export function trailingSections(input: BootstrapInput): string {
  return (
    ntpSection(input.ntp) +
    usersSection(input.users) +
    diskSetupSection(input.diskSetup) +
    fsSetupSection(input.diskSetup) +
    mountsSection(input.mounts)
  );
}
