// The Container Linux Config keys the transpiler (flatcar/container-linux-config-transpiler v0.9.4) knows, as a
// shape tree: a key outside it is a warning (an error when `strict`), a value of the wrong type an error.

/** The type of a Container Linux Config value. */
export type ClcShape = 'string' | 'int' | 'bool' | { list: ClcShape } | { object: Readonly<Record<string, ClcShape>> };

const obj = (fields: Record<string, ClcShape>): ClcShape => ({ object: fields });
const list = (item: ClcShape): ClcShape => ({ list: item });

const verification = obj({ hash: obj({ function: 'string', sum: 'string' }) });
const reference = obj({ source: 'string', verification });
const owner = obj({ id: 'int', name: 'string' });
const node = { filesystem: 'string', path: 'string', user: owner, group: owner, overwrite: 'bool' } as const;
const dropin = obj({ name: 'string', contents: 'string' });
const userFields = {
  uid: 'int',
  gecos: 'string',
  home_dir: 'string',
  no_create_home: 'bool',
  primary_group: 'string',
  groups: list('string'),
  no_user_group: 'bool',
  system: 'bool',
  no_log_init: 'bool',
  shell: 'string',
} as const;

/** The whole Container Linux Config this provider translates. */
export const CLC_SHAPE: ClcShape = obj({
  version: 'int',
  ignition: obj({
    config: obj({ append: list(reference), replace: reference }),
    timeouts: obj({ http_response_headers: 'int', http_total: 'int' }),
    security: obj({ tls: obj({ certificate_authorities: list(reference) }) }),
  }),
  storage: obj({
    disks: list(
      obj({
        device: 'string',
        wipe_table: 'bool',
        partitions: list(
          obj({ label: 'string', number: 'int', size: 'string', start: 'string', guid: 'string', type_guid: 'string' }),
        ),
      }),
    ),
    raid: list(
      obj({ name: 'string', level: 'string', devices: list('string'), spares: 'int', options: list('string') }),
    ),
    filesystems: list(
      obj({
        name: 'string',
        path: 'string',
        mount: obj({
          device: 'string',
          format: 'string',
          create: obj({ force: 'bool', options: list('string') }),
          wipe_filesystem: 'bool',
          label: 'string',
          uuid: 'string',
          options: list('string'),
        }),
      }),
    ),
    files: list(
      obj({
        ...node,
        mode: 'int',
        append: 'bool',
        contents: obj({
          inline: 'string',
          local: 'string',
          remote: obj({ url: 'string', compression: 'string', verification }),
        }),
      }),
    ),
    directories: list(obj({ ...node, mode: 'int' })),
    links: list(obj({ ...node, hard: 'bool', target: 'string' })),
  }),
  systemd: obj({
    units: list(
      obj({ name: 'string', enable: 'bool', enabled: 'bool', mask: 'bool', contents: 'string', dropins: list(dropin) }),
    ),
  }),
  networkd: obj({ units: list(obj({ name: 'string', contents: 'string', dropins: list(dropin) })) }),
  passwd: obj({
    users: list(
      obj({
        name: 'string',
        password_hash: 'string',
        ssh_authorized_keys: list('string'),
        create: obj(userFields),
        ...userFields,
      }),
    ),
    groups: list(obj({ name: 'string', gid: 'int', password_hash: 'string', system: 'bool' })),
  }),
  docker: obj({ flags: list('string') }),
  update: obj({
    group: 'string',
    server: 'string',
    pcr_policy_server: 'string',
    download_user: 'string',
    download_password: 'string',
    machine_alias: 'string',
  }),
  locksmith: obj({
    reboot_strategy: 'string',
    window_start: 'string',
    window_length: 'string',
    group: 'string',
    etcd_endpoints: 'string',
    etcd_cafile: 'string',
    etcd_certfile: 'string',
    etcd_keyfile: 'string',
  }),
});

/** Sections the transpiler turns into generated systemd units; this provider refuses them by name. */
export const UNSUPPORTED_CLC_SECTIONS = ['etcd', 'flannel'] as const;
