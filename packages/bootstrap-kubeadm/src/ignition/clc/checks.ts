import { entries, flag, int, optionalFlag, optionalSection, optionalStr, section, str } from './access.js';
import type { ClcObject, ClcReport } from './parse.js';
import { checkUpdateSections } from './update-conf.js';

// The transpiler's own validations, and the Ignition 2.3 validations it runs on what it converted, for the sections
// this provider translates, with their severities. Messages start with the YAML path of the field.

const MIB = 1024 * 1024;
const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, K: 1024, M: MIB, G: 1024 * MIB, T: 1024 ** 4 };

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

const UNIT_EXTENSIONS = [
  '.service',
  '.socket',
  '.device',
  '.mount',
  '.automount',
  '.swap',
  '.target',
  '.path',
  '.timer',
  '.snapshot',
  '.slice',
  '.scope',
];
const NETWORKD_EXTENSIONS = ['.link', '.netdev', '.network'];
const FILESYSTEM_FORMATS = ['ext4', 'btrfs', 'xfs', 'vfat', 'swap'];
const URL_SCHEMES = ['http', 'https', 'tftp', 's3', 'data', 'oem', ''];
const HASH_SIZES: Readonly<Record<string, number>> = { sha512: 128 };

const extension = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
};

function checkUrl(at: string, url: string, errors: string[]): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
  if (!URL_SCHEMES.includes(scheme)) errors.push(`${at}: invalid url scheme`);
}

function checkVerification(at: string, verification: ClcObject, errors: string[]): void {
  const hash = section(verification, 'hash');
  const fn = str(hash, 'function');
  if (fn === '' && str(hash, 'sum') === '') return;
  const size = HASH_SIZES[fn];
  if (size === undefined) errors.push(`${at}.hash.function: unrecognized hash function`);
  else if (str(hash, 'sum').length !== size) errors.push(`${at}.hash.sum: incorrect size for hash sum`);
}

function checkMode(at: string, mode: number | undefined, errors: string[]): void {
  if (mode !== undefined && (mode < 0 || mode > 0o7777)) errors.push(`${at}.mode: illegal file mode`);
}

function checkPath(at: string, path: string, errors: string[]): void {
  if (!path.startsWith('/')) errors.push(`${at}.path: path not absolute`);
}

function checkFiles(storage: ClcObject, report: ClcReport): void {
  entries(storage, 'files').forEach((file, index) => {
    const at = `storage.files[${index}]`;
    checkPath(at, str(file, 'path'), report.errors);
    checkMode(at, int(file, 'mode'), report.errors);
    if (int(file, 'mode') === undefined) {
      report.warnings.push(
        flag(file, 'append')
          ? `${at}.mode: mode unspecified for file, defaulting to 0644 if the file does not exist`
          : `${at}.mode: mode unspecified for file, defaulting to 0644`,
      );
    }
    const contents = section(file, 'contents');
    const remote = section(contents, 'remote');
    const sources = [optionalStr(contents, 'inline'), optionalStr(contents, 'local'), optionalStr(remote, 'url')];
    if (sources.filter((s) => (s ?? '') !== '').length > 1) {
      report.errors.push(`${at}.contents: only one of the following can be set: local, inline, remote.url`);
    }
    if (str(contents, 'local') !== '') {
      report.errors.push(`${at}.contents.local: local files need the transpiler's --files-dir; use inline instead`);
    }
    if (str(remote, 'url') !== '') checkUrl(`${at}.contents.remote.url`, str(remote, 'url'), report.errors);
    if (!['', 'gzip'].includes(str(remote, 'compression'))) {
      report.errors.push(`${at}.contents.remote.compression: invalid compression method`);
    }
    checkVerification(`${at}.contents.remote.verification`, section(remote, 'verification'), report.errors);
  });
  entries(storage, 'directories').forEach((dir, index) => {
    const at = `storage.directories[${index}]`;
    checkPath(at, str(dir, 'path'), report.errors);
    checkMode(at, int(dir, 'mode'), report.errors);
    if (int(dir, 'mode') === undefined)
      report.warnings.push(`${at}.mode: mode unspecified for directory, defaulting to 0755`);
  });
  entries(storage, 'links').forEach((link, index) => {
    checkPath(`storage.links[${index}]`, str(link, 'path'), report.errors);
  });
}

function checkDisks(storage: ClcObject, report: ClcReport): void {
  entries(storage, 'disks').forEach((disk, d) => {
    entries(disk, 'partitions').forEach((partition, p) => {
      const at = `storage.disks[${d}].partitions[${p}]`;
      for (const key of ['size', 'start']) {
        try {
          partitionDimensionMiB(str(partition, key));
        } catch (error) {
          report.errors.push(`${at}.${key}: ${(error as Error).message}`);
        }
      }
      if (str(partition, 'label').includes(':'))
        report.warnings.push(`${at}.label: partition labels may not contain colons`);
    });
  });
  entries(storage, 'filesystems').forEach((fs, index) => {
    const mount = optionalSection(fs, 'mount');
    if (mount && !FILESYSTEM_FORMATS.includes(str(mount, 'format'))) {
      report.errors.push(`storage.filesystems[${index}].mount.format: invalid filesystem format`);
    }
  });
}

function checkUnits(config: ClcObject, report: ClcReport): void {
  entries(section(config, 'systemd'), 'units').forEach((unit, index) => {
    const at = `systemd.units[${index}]`;
    if (!UNIT_EXTENSIONS.includes(extension(str(unit, 'name')))) {
      report.errors.push(`${at}.name: invalid systemd unit extension`);
    }
    entries(unit, 'dropins').forEach((dropin, d) => {
      if (extension(str(dropin, 'name')) !== '.conf') {
        report.errors.push(`${at}.dropins[${d}].name: invalid systemd drop-in extension`);
      }
    });
    const contents = str(unit, 'contents');
    if (contents.split('\n').some((line) => line.trimStart().startsWith('[') && !line.trimEnd().endsWith(']'))) {
      report.errors.push(`${at}.contents: invalid unit content: unable to find end of section`);
    }
    const enabled = flag(unit, 'enable') || optionalFlag(unit, 'enabled') === true;
    if (enabled && contents !== '' && !/^\s*\[Install\]\s*$/m.test(contents)) {
      report.warnings.push(`${at}: unit is enabled, but has no install section so enable does nothing`);
    }
  });
  entries(section(config, 'networkd'), 'units').forEach((unit, index) => {
    if (!NETWORKD_EXTENSIONS.includes(extension(str(unit, 'name')))) {
      report.errors.push(`networkd.units[${index}].name: invalid networkd unit extension`);
    }
  });
}

/** Adds the transpiler's errors and warnings about `config` to `report`. */
export function checkContainerLinuxConfig(config: ClcObject, report: ClcReport): void {
  if ((int(config, 'version') ?? 0) !== 0) report.errors.push('version: Invalid version. Only version 0 is supported');
  const storage = section(config, 'storage');
  checkFiles(storage, report);
  checkDisks(storage, report);
  checkUnits(config, report);
  checkUpdateSections(config, report);
}
