import { dataUrl } from './encoding.js';
import type { IgnitionModel } from './model.js';

/** The Ignition spec 3 version this provider writes (Fedora CoreOS, Flatcar 3510+). */
export const IGNITION_V3_VERSION = '3.4.0';

// Ignition spec 3.4.0, beyond upstream CABPK: the same users, units, disks, filesystems and files as the 2.3
// output. Spec 3 has no `filesystem: root` (paths are absolute) and fails on files that already exist unless told
// to overwrite, so every file is written with `overwrite: true` (the bootstrap data owns these paths, like
// cloud-init's write_files); filesystems carry their device directly and no name.

/** The model as an Ignition 3.4.0 config object. */
export function ignitionV3Config(model: IgnitionModel): Record<string, unknown> {
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
      ...(f.group ? { group: { name: f.group } } : {}),
      overwrite: true,
      path: f.path,
      ...(f.user ? { user: { name: f.user } } : {}),
      contents: { source: dataUrl(f.contents) },
      ...(f.mode !== undefined ? { mode: f.mode } : {}),
    }));
  }
  if (model.filesystems.length > 0) {
    storage.filesystems = model.filesystems.map((fs) => ({
      device: fs.device,
      format: fs.format,
      ...(fs.label ? { label: fs.label } : {}),
      ...(fs.options ? { options: fs.options } : {}),
      ...(fs.wipeFilesystem ? { wipeFilesystem: true } : {}),
    }));
  }
  const config: Record<string, unknown> = { ignition: { version: IGNITION_V3_VERSION } };
  if (model.users.length > 0) config.passwd = { users: model.users.map((u) => ({ ...u })) };
  if (Object.keys(storage).length > 0) config.storage = storage;
  if (model.units.length > 0) {
    config.systemd = {
      units: model.units.map((u) => ({
        ...(u.contents ? { contents: u.contents } : {}),
        enabled: u.enabled,
        name: u.name,
      })),
    };
  }
  return config;
}
