import { dataUrl } from '../encoding.js';
import {
  entries,
  flag,
  int,
  omitEmpty,
  optionalFlag,
  optionalSection,
  optionalStr,
  present,
  section,
  str,
  strings,
} from './access.js';
import { dockerUnit } from './docker-unit.js';
import type { ClcObject } from './parse.js';
import { fileSourceOf, ownerOf, verificationOf } from './resources.js';
import { PARTITION_TYPE_GUIDS, partitionDimensionMiB } from './storage-checks.js';
import { UPDATE_CONF_PATH, updateConfText } from './update-conf.js';

// Container Linux Config → Ignition 2.3.0 as the transpiler's converters build it, as plain JSON: Go's
// `omitempty` drops zero values, pointer fields stay when set (even to 0 or false) and struct fields such as
// `verification` always appear, as `{}` when empty. Keys are ordered later (see go-order.ts).

type Json = Record<string, unknown>;

const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_DIRECTORY_MODE = 0o755;

const referenceOf = (ref: ClcObject): Json => ({
  source: str(ref, 'source'),
  verification: verificationOf(section(ref, 'verification')),
});

/** The fields files, directories and links share; the filesystem defaults to `root`. */
function nodeOf(node: ClcObject): Json {
  return {
    filesystem: str(node, 'filesystem') || 'root',
    ...present('group', ownerOf(optionalSection(node, 'group'))),
    ...present('overwrite', optionalFlag(node, 'overwrite')),
    path: str(node, 'path'),
    ...present('user', ownerOf(optionalSection(node, 'user'))),
  };
}

/** A file's contents as the transpiler writes them: compression and verification come from `remote`. */
function fileContentsOf(contents: ClcObject): Json {
  const remote = section(contents, 'remote');
  return {
    ...omitEmpty('compression', str(remote, 'compression')),
    source: fileSourceOf(contents),
    verification: verificationOf(section(remote, 'verification')),
  };
}

function fileOf(file: ClcObject): Json {
  return {
    ...nodeOf(file),
    ...omitEmpty('append', flag(file, 'append')),
    contents: fileContentsOf(section(file, 'contents')),
    mode: int(file, 'mode') ?? DEFAULT_FILE_MODE,
  };
}

function partitionOf(partition: ClcObject): Json {
  const typeGuid = str(partition, 'type_guid');
  return {
    ...omitEmpty('guid', str(partition, 'guid')),
    ...present('label', optionalStr(partition, 'label')),
    ...omitEmpty('number', int(partition, 'number')),
    ...present('sizeMiB', partitionDimensionMiB(str(partition, 'size'))),
    ...present('startMiB', partitionDimensionMiB(str(partition, 'start'))),
    ...omitEmpty('typeGuid', PARTITION_TYPE_GUIDS[typeGuid] ?? typeGuid),
  };
}

function filesystemOf(fs: ClcObject): Json {
  const mount = optionalSection(fs, 'mount');
  const create = mount && optionalSection(mount, 'create');
  return {
    ...(mount
      ? {
          mount: {
            ...present(
              'create',
              create && {
                ...omitEmpty('force', flag(create, 'force')),
                ...omitEmpty('options', strings(create, 'options')),
              },
            ),
            device: str(mount, 'device'),
            format: str(mount, 'format'),
            ...present('label', optionalStr(mount, 'label')),
            ...omitEmpty('options', strings(mount, 'options')),
            ...present('uuid', optionalStr(mount, 'uuid')),
            ...omitEmpty('wipeFilesystem', flag(mount, 'wipe_filesystem')),
          },
        }
      : {}),
    ...omitEmpty('name', str(fs, 'name')),
    ...present('path', optionalStr(fs, 'path') || undefined),
  };
}

const userFieldsOf = (user: ClcObject): Json => ({
  ...omitEmpty('gecos', str(user, 'gecos')),
  ...omitEmpty('groups', strings(user, 'groups')),
  ...omitEmpty('homeDir', str(user, 'home_dir')),
  ...omitEmpty('noCreateHome', flag(user, 'no_create_home')),
  ...omitEmpty('noLogInit', flag(user, 'no_log_init')),
  ...omitEmpty('noUserGroup', flag(user, 'no_user_group')),
  ...omitEmpty('primaryGroup', str(user, 'primary_group')),
  ...omitEmpty('shell', str(user, 'shell')),
  ...omitEmpty('system', flag(user, 'system')),
  ...present('uid', int(user, 'uid')),
});

function userOf(user: ClcObject): Json {
  const create = optionalSection(user, 'create');
  return {
    ...present('create', create && userFieldsOf(create)),
    ...userFieldsOf(user),
    name: str(user, 'name'),
    ...present('passwordHash', optionalStr(user, 'password_hash')),
    ...omitEmpty('sshAuthorizedKeys', strings(user, 'ssh_authorized_keys')),
  };
}

const groupOf = (group: ClcObject): Json => ({
  ...present('gid', int(group, 'gid')),
  name: str(group, 'name'),
  ...omitEmpty('passwordHash', str(group, 'password_hash')),
  ...omitEmpty('system', flag(group, 'system')),
});

const dropinsOf = (unit: ClcObject): Json =>
  omitEmpty(
    'dropins',
    entries(unit, 'dropins').map((d) => ({ ...omitEmpty('contents', str(d, 'contents')), name: str(d, 'name') })),
  );

const systemdUnitOf = (unit: ClcObject): Json => ({
  ...omitEmpty('contents', str(unit, 'contents')),
  ...dropinsOf(unit),
  ...omitEmpty('enable', flag(unit, 'enable')),
  ...present('enabled', optionalFlag(unit, 'enabled')),
  ...omitEmpty('mask', flag(unit, 'mask')),
  name: str(unit, 'name'),
});

const networkdUnitOf = (unit: ClcObject): Json => ({
  ...omitEmpty('contents', str(unit, 'contents')),
  ...dropinsOf(unit),
  name: str(unit, 'name'),
});

const raidOf = (array: ClcObject): Json => ({
  // Not omitempty in Ignition's types: a raid without devices marshals them as null.
  devices: strings(array, 'devices') ?? null,
  level: str(array, 'level'),
  name: str(array, 'name'),
  ...omitEmpty('options', strings(array, 'options')),
  ...omitEmpty('spares', int(array, 'spares')),
});

function ignitionSectionOf(config: ClcObject): Json {
  const ignition = section(config, 'ignition');
  const cfg = section(ignition, 'config');
  const replace = optionalSection(cfg, 'replace');
  const timeouts = section(ignition, 'timeouts');
  const cas = entries(section(section(ignition, 'security'), 'tls'), 'certificate_authorities');
  return {
    config: {
      ...omitEmpty('append', entries(cfg, 'append').map(referenceOf)),
      ...present('replace', replace && referenceOf(replace)),
    },
    security: { tls: omitEmpty('certificateAuthorities', cas.map(referenceOf)) },
    timeouts: {
      ...present('httpResponseHeaders', int(timeouts, 'http_response_headers')),
      ...present('httpTotal', int(timeouts, 'http_total')),
    },
    version: '2.3.0',
  };
}

/**
 * The Ignition 2.3.0 config of a validated Container Linux Config, as the transpiler's `Convert` returns it: its
 * converters run in file order, so the `docker` unit comes before the user's units and the `update`/`locksmith`
 * file after the user's files.
 */
export function containerLinuxConfigToIgnitionV2(config: ClcObject): Json {
  const storage = section(config, 'storage');
  const passwd = section(config, 'passwd');
  const files = entries(storage, 'files').map(fileOf);
  const updateConf = updateConfText(config);
  if (updateConf !== '') {
    files.push({
      filesystem: 'root',
      path: UPDATE_CONF_PATH,
      contents: { source: dataUrl(new TextEncoder().encode(updateConf)), verification: {} },
      mode: DEFAULT_FILE_MODE,
    });
  }
  return {
    ignition: ignitionSectionOf(config),
    networkd: omitEmpty('units', entries(section(config, 'networkd'), 'units').map(networkdUnitOf)),
    passwd: {
      ...omitEmpty('groups', entries(passwd, 'groups').map(groupOf)),
      ...omitEmpty('users', entries(passwd, 'users').map(userOf)),
    },
    storage: {
      ...omitEmpty(
        'directories',
        entries(storage, 'directories').map((dir) => ({
          ...nodeOf(dir),
          mode: int(dir, 'mode') ?? DEFAULT_DIRECTORY_MODE,
        })),
      ),
      ...omitEmpty(
        'disks',
        entries(storage, 'disks').map((disk) => ({
          device: str(disk, 'device'),
          ...omitEmpty('partitions', entries(disk, 'partitions').map(partitionOf)),
          ...omitEmpty('wipeTable', flag(disk, 'wipe_table')),
        })),
      ),
      ...omitEmpty('files', files),
      ...omitEmpty('filesystems', entries(storage, 'filesystems').map(filesystemOf)),
      ...omitEmpty(
        'links',
        entries(storage, 'links').map((link) => ({
          ...nodeOf(link),
          ...omitEmpty('hard', flag(link, 'hard')),
          target: str(link, 'target'),
        })),
      ),
      ...omitEmpty('raid', entries(storage, 'raid').map(raidOf)),
    },
    systemd: omitEmpty('units', [
      ...generatedUnits(config),
      ...entries(section(config, 'systemd'), 'units').map(systemdUnitOf),
    ]),
  };
}

/** Units the transpiler generates from other sections; its converters add them before the user's units. */
function generatedUnits(config: ClcObject): Json[] {
  const docker = dockerUnit(config);
  return docker ? [{ dropins: [docker.dropin], enable: true, name: docker.name }] : [];
}
