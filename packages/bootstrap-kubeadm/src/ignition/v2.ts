import { dataUrl, goJson } from './encoding.js';
import type { IgnitionModel } from './model.js';

// Ignition spec 2.3.0 JSON exactly as CABPK's pipeline (Container Linux Config transpiler, then Go's
// encoding/json over flatcar/ignition's v2_3 types) writes it: alphabetical fields as the generated types declare
// them, empty structs kept, files on the `root` filesystem with data URLs.

/** The model as an Ignition 2.3.0 config object, fields in the order Go marshals them. */
export function ignitionV2Config(model: IgnitionModel): Record<string, unknown> {
  const storage: Record<string, unknown> = {};
  if (model.disks.length > 0) {
    storage.disks = model.disks.map((d) => ({
      device: d.device,
      ...(d.wholeDiskPartition ? { partitions: [{}] } : {}),
      ...(d.wipeTable ? { wipeTable: true } : {}),
    }));
  }
  if (model.files.length > 0) {
    storage.files = model.files.map((f) => ({
      filesystem: 'root',
      ...(f.group ? { group: { name: f.group } } : {}),
      path: f.path,
      ...(f.user ? { user: { name: f.user } } : {}),
      contents: { source: dataUrl(f.contents), verification: {} },
      ...(f.mode !== undefined ? { mode: f.mode } : {}),
    }));
  }
  if (model.filesystems.length > 0) {
    storage.filesystems = model.filesystems.map((fs) => ({
      mount: {
        device: fs.device,
        format: fs.format,
        ...(fs.label ? { label: fs.label } : {}),
        ...(fs.options ? { options: fs.options } : {}),
        ...(fs.wipeFilesystem ? { wipeFilesystem: true } : {}),
      },
      ...(fs.name ? { name: fs.name } : {}),
    }));
  }
  return {
    ignition: { config: {}, security: { tls: {} }, timeouts: {}, version: '2.3.0' },
    networkd: {},
    passwd: model.users.length > 0 ? { users: model.users.map(userV2) } : {},
    storage,
    systemd:
      model.units.length > 0
        ? {
            units: model.units.map((u) => ({
              ...(u.contents ? { contents: u.contents } : {}),
              enabled: u.enabled,
              name: u.name,
            })),
          }
        : {},
  };
}

function userV2(u: IgnitionModel['users'][number]): Record<string, unknown> {
  return {
    ...(u.gecos ? { gecos: u.gecos } : {}),
    ...(u.groups ? { groups: u.groups } : {}),
    ...(u.homeDir ? { homeDir: u.homeDir } : {}),
    name: u.name,
    ...(u.passwordHash ? { passwordHash: u.passwordHash } : {}),
    ...(u.primaryGroup ? { primaryGroup: u.primaryGroup } : {}),
    // Go sorts `SSHAuthorizedKeys` before `Shell` (byte order of the field names).
    ...(u.sshAuthorizedKeys ? { sshAuthorizedKeys: u.sshAuthorizedKeys } : {}),
    ...(u.shell ? { shell: u.shell } : {}),
  };
}

/** The model as Ignition 2.3.0 JSON. */
export function renderIgnitionV2(model: IgnitionModel): string {
  return goJson(ignitionV2Config(model));
}
