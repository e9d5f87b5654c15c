import { dataUrl } from '../encoding.js';
import { IGNITION_V3_VERSION } from '../v3.js';
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
import type { ClcObject, ClcReport } from './parse.js';
import { fileSourceOf, ownerOf, verificationOf } from './resources.js';
import { PARTITION_TYPE_GUIDS, partitionDimensionMiB } from './storage-checks.js';
import { UPDATE_CONF_PATH, updateConfText } from './update-conf.js';

// Container Linux Config → Ignition 3.4.0, beyond upstream: the YAML a user wrote for the 2.3 output means the
// same on a spec 3 node. Spec 2 defaults stay explicit (files overwrite unless appended to, files 0644 and
// directories 0755); spec 2 concepts without a spec 3 field become what they did on the node (networkd units are
// files under /etc/systemd/network) or errors naming the field (named filesystems, `passwd.users[].create`,
// filesystems by path).

type Json = Record<string, unknown>;

const NETWORKD_DIRECTORY = '/etc/systemd/network';

/** A spec 3 resource: its source and, when a hash is given, its verification. */
function resourceOf(source: string, verification: ClcObject, compression = ''): Json {
  const hash = verificationOf(verification);
  return {
    ...omitEmpty('compression', compression),
    source,
    ...(Object.keys(hash).length > 0 ? { verification: hash } : {}),
  };
}

const referenceOf = (ref: ClcObject): Json => resourceOf(str(ref, 'source'), section(ref, 'verification'));

function nodeOf(kind: string, index: number, node: ClcObject, report: ClcReport): Json {
  const filesystem = str(node, 'filesystem');
  if (filesystem !== '' && filesystem !== 'root') {
    report.errors.push(
      `storage.${kind}[${index}].filesystem: Ignition 3 has no named filesystems; mount it with ` +
        'storage.filesystems and use the absolute path',
    );
  }
  return {
    path: str(node, 'path'),
    ...present('user', ownerOf(optionalSection(node, 'user'))),
    ...present('group', ownerOf(optionalSection(node, 'group'))),
  };
}

function fileOf(file: ClcObject, index: number, report: ClcReport): Json {
  const contents = section(file, 'contents');
  const remote = section(contents, 'remote');
  const resource = resourceOf(fileSourceOf(contents), section(remote, 'verification'), str(remote, 'compression'));
  const append = flag(file, 'append');
  const overwrite = optionalFlag(file, 'overwrite');
  return {
    ...nodeOf('files', index, file, report),
    // Spec 2 replaced existing files unless told otherwise; spec 3 refuses overwrite together with append.
    ...(append ? present('overwrite', overwrite) : { overwrite: overwrite ?? true }),
    mode: int(file, 'mode') ?? 0o644,
    ...(append ? { append: [resource] } : { contents: resource }),
  };
}

function plainFile(path: string, text: string): Json {
  return { path, overwrite: true, mode: 0o644, contents: { source: dataUrl(new TextEncoder().encode(text)) } };
}

/** networkd units as the files Ignition 2 wrote for them. */
function networkdFiles(config: ClcObject): Json[] {
  return entries(section(config, 'networkd'), 'units').flatMap((unit) => {
    const name = str(unit, 'name');
    return [
      ...(str(unit, 'contents') !== '' ? [plainFile(`${NETWORKD_DIRECTORY}/${name}`, str(unit, 'contents'))] : []),
      ...entries(unit, 'dropins').map((d) =>
        plainFile(`${NETWORKD_DIRECTORY}/${name}.d/${str(d, 'name')}`, str(d, 'contents')),
      ),
    ];
  });
}

function filesystemOf(fs: ClcObject, index: number, report: ClcReport): Json[] {
  const mount = optionalSection(fs, 'mount');
  if (!mount) {
    report.errors.push(`storage.filesystems[${index}].path: Ignition 3 only creates filesystems on devices (mount)`);
    return [];
  }
  const create = optionalSection(mount, 'create');
  const options = [...(strings(mount, 'options') ?? []), ...(create ? (strings(create, 'options') ?? []) : [])];
  return [
    {
      device: str(mount, 'device'),
      format: str(mount, 'format'),
      ...present('label', optionalStr(mount, 'label')),
      ...omitEmpty('options', options),
      ...present('uuid', optionalStr(mount, 'uuid')),
      ...omitEmpty('wipeFilesystem', flag(mount, 'wipe_filesystem') || (create ? flag(create, 'force') : false)),
    },
  ];
}

function userOf(user: ClcObject, index: number, report: ClcReport): Json {
  if (optionalSection(user, 'create')) {
    report.errors.push(`passwd.users[${index}].create: removed in Ignition 3; set its fields on the user itself`);
  }
  return {
    name: str(user, 'name'),
    ...present('passwordHash', optionalStr(user, 'password_hash')),
    ...omitEmpty('sshAuthorizedKeys', strings(user, 'ssh_authorized_keys')),
    ...present('uid', int(user, 'uid')),
    ...omitEmpty('gecos', str(user, 'gecos')),
    ...omitEmpty('homeDir', str(user, 'home_dir')),
    ...omitEmpty('noCreateHome', flag(user, 'no_create_home')),
    ...omitEmpty('primaryGroup', str(user, 'primary_group')),
    ...omitEmpty('groups', strings(user, 'groups')),
    ...omitEmpty('noUserGroup', flag(user, 'no_user_group')),
    ...omitEmpty('system', flag(user, 'system')),
    ...omitEmpty('noLogInit', flag(user, 'no_log_init')),
    ...omitEmpty('shell', str(user, 'shell')),
  };
}

function partitionOf(p: ClcObject): Json {
  const typeGuid = str(p, 'type_guid');
  return {
    ...present('label', optionalStr(p, 'label')),
    ...omitEmpty('number', int(p, 'number')),
    ...present('sizeMiB', partitionDimensionMiB(str(p, 'size'))),
    ...present('startMiB', partitionDimensionMiB(str(p, 'start'))),
    ...omitEmpty('guid', str(p, 'guid')),
    ...omitEmpty('typeGuid', PARTITION_TYPE_GUIDS[typeGuid] ?? typeGuid),
  };
}

function unitOf(unit: ClcObject): Json {
  return {
    name: str(unit, 'name'),
    ...present('enabled', optionalFlag(unit, 'enabled') ?? (flag(unit, 'enable') ? true : undefined)),
    ...omitEmpty('mask', flag(unit, 'mask')),
    ...omitEmpty('contents', str(unit, 'contents')),
    ...omitEmpty(
      'dropins',
      entries(unit, 'dropins').map((d) => ({ name: str(d, 'name'), ...omitEmpty('contents', str(d, 'contents')) })),
    ),
  };
}

function ignitionSectionOf(config: ClcObject): Json {
  const ignition = section(config, 'ignition');
  const cfg = section(ignition, 'config');
  const replace = optionalSection(cfg, 'replace');
  const timeouts = section(ignition, 'timeouts');
  const cas = entries(section(section(ignition, 'security'), 'tls'), 'certificate_authorities');
  const configRefs = {
    ...omitEmpty('merge', entries(cfg, 'append').map(referenceOf)),
    ...present('replace', replace && referenceOf(replace)),
  };
  const timeoutValues = {
    ...present('httpResponseHeaders', int(timeouts, 'http_response_headers')),
    ...present('httpTotal', int(timeouts, 'http_total')),
  };
  return {
    version: IGNITION_V3_VERSION,
    ...(Object.keys(configRefs).length > 0 ? { config: configRefs } : {}),
    ...(Object.keys(timeoutValues).length > 0 ? { timeouts: timeoutValues } : {}),
    ...(cas.length > 0 ? { security: { tls: { certificateAuthorities: cas.map(referenceOf) } } } : {}),
  };
}

/** Units the transpiler generates from other sections, before the user's units. */
function generatedUnits(config: ClcObject): Json[] {
  const docker = dockerUnit(config);
  return docker ? [{ name: docker.name, enabled: true, dropins: [docker.dropin] }] : [];
}

const withoutEmptySections = (config: Json): Json =>
  Object.fromEntries(
    Object.entries(config).filter(([key, value]) => key === 'ignition' || Object.keys(value as Json).length > 0),
  );

/**
 * The Ignition 3.4.0 config of a validated Container Linux Config; what spec 3 cannot express is added to
 * `report.errors`.
 */
export function containerLinuxConfigToIgnitionV3(config: ClcObject, report: ClcReport): Json {
  const storage = section(config, 'storage');
  const passwd = section(config, 'passwd');
  const updateConf = updateConfText(config);
  const files = [
    ...entries(storage, 'files').map((file, index) => fileOf(file, index, report)),
    ...networkdFiles(config),
    ...(updateConf !== '' ? [plainFile(UPDATE_CONF_PATH, updateConf)] : []),
  ];
  return withoutEmptySections({
    ignition: ignitionSectionOf(config),
    passwd: {
      ...omitEmpty(
        'users',
        entries(passwd, 'users').map((u, i) => userOf(u, i, report)),
      ),
      ...omitEmpty(
        'groups',
        entries(passwd, 'groups').map((g) => ({
          name: str(g, 'name'),
          ...present('gid', int(g, 'gid')),
          ...omitEmpty('passwordHash', str(g, 'password_hash')),
          ...omitEmpty('system', flag(g, 'system')),
        })),
      ),
    },
    storage: {
      ...omitEmpty(
        'disks',
        entries(storage, 'disks').map((disk) => ({
          device: str(disk, 'device'),
          ...omitEmpty('partitions', entries(disk, 'partitions').map(partitionOf)),
          ...omitEmpty('wipeTable', flag(disk, 'wipe_table')),
        })),
      ),
      ...omitEmpty(
        'raid',
        entries(storage, 'raid').map((array) => ({
          name: str(array, 'name'),
          level: str(array, 'level'),
          devices: strings(array, 'devices') ?? [],
          ...omitEmpty('spares', int(array, 'spares')),
          ...omitEmpty('options', strings(array, 'options')),
        })),
      ),
      ...omitEmpty(
        'filesystems',
        entries(storage, 'filesystems').flatMap((fs, index) => filesystemOf(fs, index, report)),
      ),
      ...omitEmpty('files', files),
      ...omitEmpty(
        'directories',
        entries(storage, 'directories').map((dir, index) => ({
          ...nodeOf('directories', index, dir, report),
          ...present('overwrite', optionalFlag(dir, 'overwrite')),
          mode: int(dir, 'mode') ?? 0o755,
        })),
      ),
      ...omitEmpty(
        'links',
        entries(storage, 'links').map((link, index) => ({
          ...nodeOf('links', index, link, report),
          ...present('overwrite', optionalFlag(link, 'overwrite')),
          target: str(link, 'target'),
          ...omitEmpty('hard', flag(link, 'hard')),
        })),
      ),
    },
    systemd: omitEmpty('units', [
      ...generatedUnits(config),
      ...entries(section(config, 'systemd'), 'units').map(unitOf),
    ]),
  });
}
