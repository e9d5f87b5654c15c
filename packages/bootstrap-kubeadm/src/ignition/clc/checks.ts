import { entries, flag, int, optionalFlag, optionalSection, optionalStr, section, str } from './access.js';
import { goUrlString } from './go-url.js';
import type { ClcObject, ClcReport } from './parse.js';
import { checkDisksAndFilesystems } from './storage-checks.js';
import { checkUnits } from './unit-checks.js';
import { checkUpdateSections } from './update-conf.js';

// The transpiler's own validations, and the Ignition 2.3 validations it runs on what it converted, with their
// severities. Messages start with the YAML path of the field and never quote its value.

const URL_SCHEMES = ['http', 'https', 'tftp', 's3', 'data', 'oem', ''];
/** Hash functions Ignition 2.3 verifies, with the length of their hex sums. */
const HASH_SIZES: Readonly<Record<string, number>> = { sha512: 128 };
/** User-level fields that Ignition refuses next to the deprecated `create` object. */
const USER_FIELDS: readonly [string, string][] = [
  ['gecos', 'gecos'],
  ['groups', 'groups'],
  ['home_dir', 'homeDir'],
  ['no_create_home', 'noCreateHome'],
  ['no_log_init', 'noLogInit'],
  ['no_user_group', 'noUserGroup'],
  ['primary_group', 'primaryGroup'],
  ['shell', 'shell'],
  ['system', 'system'],
  ['uid', 'uid'],
];

function checkUrl(at: string, url: string, report: ClcReport): void {
  try {
    goUrlString(url);
  } catch {
    report.errors.push(`${at}: unable to parse url`);
    return;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
  if (!URL_SCHEMES.includes(scheme)) report.errors.push(`${at}: invalid url scheme`);
}

function checkVerification(at: string, verification: ClcObject, report: ClcReport): void {
  const hash = section(verification, 'hash');
  const fn = str(hash, 'function');
  if (fn === '' || str(hash, 'sum') === '') return;
  const size = HASH_SIZES[fn];
  if (size === undefined) report.errors.push(`${at}.hash.function: unrecognized hash function`);
  else if (str(hash, 'sum').length !== size) report.errors.push(`${at}.hash.sum: incorrect size for hash sum`);
}

/** A config or CA reference of the `ignition` section. */
function checkReference(at: string, reference: ClcObject, report: ClcReport): void {
  checkUrl(`${at}.source`, str(reference, 'source'), report);
  checkVerification(`${at}.verification`, section(reference, 'verification'), report);
}

function checkNode(at: string, node: ClcObject, report: ClcReport): void {
  if (!str(node, 'path').startsWith('/')) report.errors.push(`${at}.path: path not absolute`);
  for (const owner of ['user', 'group']) {
    const value = optionalSection(node, owner);
    if (value && int(value, 'id') !== undefined && str(value, 'name') !== '') {
      report.errors.push(`${at}.${owner}: cannot set both id and name`);
    }
  }
  const mode = int(node, 'mode');
  if (mode !== undefined && (mode < 0 || mode > 0o7777)) report.errors.push(`${at}.mode: illegal file mode`);
}

function checkFile(at: string, file: ClcObject, report: ClcReport): void {
  checkNode(at, file, report);
  if (int(file, 'mode') === undefined) {
    report.warnings.push(
      flag(file, 'append')
        ? `${at}.mode: mode unspecified for file, defaulting to 0644 if the file does not exist`
        : `${at}.mode: mode unspecified for file, defaulting to 0644`,
    );
  }
  if (flag(file, 'append') && optionalFlag(file, 'overwrite') === true) {
    report.errors.push(`${at}: cannot set both append and overwrite to true`);
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
  if (str(remote, 'url') !== '') checkUrl(`${at}.contents.remote.url`, str(remote, 'url'), report);
  if (!['', 'gzip'].includes(str(remote, 'compression'))) {
    report.errors.push(`${at}.contents.remote.compression: invalid compression method`);
  }
  checkVerification(`${at}.contents.remote.verification`, section(remote, 'verification'), report);
}

function checkStorageNodes(storage: ClcObject, report: ClcReport): void {
  entries(storage, 'files').forEach((file, index) => {
    checkFile(`storage.files[${index}]`, file, report);
  });
  entries(storage, 'directories').forEach((dir, index) => {
    const at = `storage.directories[${index}]`;
    checkNode(at, dir, report);
    if (int(dir, 'mode') === undefined)
      report.warnings.push(`${at}.mode: mode unspecified for directory, defaulting to 0755`);
  });
  entries(storage, 'links').forEach((link, index) => {
    checkNode(`storage.links[${index}]`, link, report);
  });
}

function checkUsers(passwd: ClcObject, report: ClcReport): void {
  entries(passwd, 'users').forEach((user, index) => {
    if (!optionalSection(user, 'create')) return;
    const at = `passwd.users[${index}]`;
    report.warnings.push(`${at}.create: the create object has been deprecated in favor of user-level options`);
    for (const [key, field] of USER_FIELDS) {
      const value = user[key];
      const set = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '' && value !== false;
      if (set) report.errors.push(`${at}.${key}: cannot use both the create object and the user-level ${field} field`);
    }
  });
}

function checkIgnitionSection(config: ClcObject, report: ClcReport): void {
  const ignition = section(config, 'ignition');
  const cfg = section(ignition, 'config');
  entries(cfg, 'append').forEach((reference, index) => {
    checkReference(`ignition.config.append[${index}]`, reference, report);
  });
  const replace = optionalSection(cfg, 'replace');
  if (replace) checkReference('ignition.config.replace', replace, report);
  const cas = entries(section(section(ignition, 'security'), 'tls'), 'certificate_authorities');
  cas.forEach((reference, index) => {
    checkReference(`ignition.security.tls.certificate_authorities[${index}]`, reference, report);
  });
}

/** Adds the transpiler's errors and warnings about `config` to `report`. */
export function checkContainerLinuxConfig(config: ClcObject, report: ClcReport): void {
  if ((int(config, 'version') ?? 0) !== 0) report.errors.push('version: Invalid version. Only version 0 is supported');
  checkIgnitionSection(config, report);
  const storage = section(config, 'storage');
  checkStorageNodes(storage, report);
  checkDisksAndFilesystems(storage, report);
  checkUnits(config, report);
  checkUsers(section(config, 'passwd'), report);
  checkUpdateSections(config, report);
}
