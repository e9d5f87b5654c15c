import { entries, flag, int, optionalSection, optionalStr, str, strings } from './access.js';
import type { ClcObject, ClcReport } from './parse.js';

// The transpiler's and Ignition 2.3's validations of disks, partitions, RAID arrays and filesystems.

const MIB = 1024 * 1024;
const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, K: 1024, M: MIB, G: 1024 * MIB, T: 1024 ** 4 };
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const RAID_LEVELS_WITHOUT_SPARES = ['linear', 'raid0', '0', 'stripe'];
const RAID_LEVELS_WITH_SPARES = ['raid1', '1', 'mirror', 'raid4', '4', 'raid5', '5', 'raid6', '6', 'raid10', '10'];
const FILESYSTEM_LABEL_LIMITS: Readonly<Record<string, number>> = { ext4: 16, btrfs: 256, xfs: 12, swap: 15, vfat: 11 };

/** Partition type names the transpiler replaces by their GPT type GUIDs. */
export const PARTITION_TYPE_GUIDS: Readonly<Record<string, string>> = {
  raid_containing_root: 'be9067b9-ea49-4f15-b4f6-f36f8c9e1818',
  linux_filesystem_data: '0fc63daf-8483-4772-8e79-3d69d8477de4',
  swap_partition: '0657fd6d-a4ab-43c4-84e5-0933c84b4f4f',
  raid_partition: 'a19d880f-05fc-4d3b-a006-743f0f84911e',
};

/**
 * A partition size or start as the transpiler reads it (base-2 units such as `512MiB`, `1GB`, `1.5GiB` and
 * compounds like `1GiB512MiB`) in MiB; undefined for ''. Throws when it does not parse or is not whole MiB.
 */
export function partitionDimensionMiB(text: string): number | undefined {
  if (text === '') return undefined;
  let bytes = 0;
  if (text !== '0') {
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([KMGT]i?B|B)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error('invalid dimension');
    for (const [, amount = '0', unit = 'B'] of parts) bytes += Number(amount) * (UNIT_BYTES[unit[0] ?? 'B'] ?? 1);
  }
  if (bytes % MIB !== 0) throw new Error('invalid dimension (finest granularity is 1MiB)');
  return bytes / MIB;
}

function checkPartition(at: string, partition: ClcObject, report: ClcReport): void {
  for (const key of ['size', 'start']) {
    try {
      partitionDimensionMiB(str(partition, key));
    } catch (error) {
      report.errors.push(`${at}.${key}: ${(error as Error).message}`);
    }
  }
  const label = str(partition, 'label');
  if (label.length > 36) report.errors.push(`${at}.label: partition labels may not exceed 36 characters`);
  if (label.includes(':'))
    report.warnings.push(`${at}.label: partition label will be truncated to text before the colon`);
  const typeGuid = str(partition, 'type_guid');
  for (const [key, value] of [
    ['guid', str(partition, 'guid')],
    ['type_guid', PARTITION_TYPE_GUIDS[typeGuid] ?? typeGuid],
  ]) {
    if (value !== '' && !GUID.test(value ?? '')) {
      report.errors.push(`${at}.${key}: doesn't match the form "01234567-89AB-CDEF-EDCB-A98765432101"`);
    }
  }
}

function checkFilesystem(at: string, fs: ClcObject, report: ClcReport): void {
  const mount = optionalSection(fs, 'mount');
  const hasPath = (optionalStr(fs, 'path') ?? '') !== '';
  if (!mount && !hasPath) report.errors.push(`${at}: filesystem is missing mount or path`);
  if (mount && hasPath) report.errors.push(`${at}: filesystem has both mount and path defined`);
  if (hasPath && !str(fs, 'path').startsWith('/')) report.errors.push(`${at}.path: path not absolute`);
  if (!mount) return;
  const format = str(mount, 'format');
  const limit = FILESYSTEM_LABEL_LIMITS[format];
  if (limit === undefined) report.errors.push(`${at}.mount.format: invalid filesystem format`);
  else if (str(mount, 'label').length > limit) {
    report.errors.push(
      `${at}.mount.label: filesystem labels cannot be longer than ${limit} characters when using ${format}`,
    );
  }
  if (!str(mount, 'device').startsWith('/')) report.errors.push(`${at}.mount.device: path not absolute`);
  if (optionalSection(mount, 'create')) {
    report.warnings.push(`${at}.mount.create: the create object has been deprecated in favor of mount-level options`);
    if ((strings(mount, 'options') ?? []).length > 0) {
      report.errors.push(`${at}.mount: cannot use both create object and mount-level options field`);
    }
    if (flag(mount, 'wipe_filesystem')) {
      report.errors.push(`${at}.mount: cannot use both create object and wipeFilesystem field`);
    }
  }
}

/** Adds the problems of `storage.disks`, `storage.raid` and `storage.filesystems` to `report`. */
export function checkDisksAndFilesystems(storage: ClcObject, report: ClcReport): void {
  entries(storage, 'disks').forEach((disk, d) => {
    if (!str(disk, 'device').startsWith('/')) report.errors.push(`storage.disks[${d}].device: path not absolute`);
    entries(disk, 'partitions').forEach((partition, p) => {
      checkPartition(`storage.disks[${d}].partitions[${p}]`, partition, report);
    });
  });
  entries(storage, 'raid').forEach((array, index) => {
    const at = `storage.raid[${index}]`;
    const level = str(array, 'level');
    if (!RAID_LEVELS_WITH_SPARES.includes(level) && !RAID_LEVELS_WITHOUT_SPARES.includes(level)) {
      report.errors.push(`${at}.level: unrecognized raid level`);
    } else if ((int(array, 'spares') ?? 0) !== 0 && RAID_LEVELS_WITHOUT_SPARES.includes(level)) {
      report.errors.push(`${at}.spares: spares unsupported for arrays with a level greater than 0`);
    }
    (strings(array, 'devices') ?? []).forEach((device, i) => {
      if (!device.startsWith('/')) report.errors.push(`${at}.devices[${i}]: path not absolute`);
    });
  });
  entries(storage, 'filesystems').forEach((fs, index) => {
    checkFilesystem(`storage.filesystems[${index}]`, fs, report);
  });
}
