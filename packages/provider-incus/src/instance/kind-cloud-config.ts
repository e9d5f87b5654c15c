import { parse } from 'yaml';
import { InstanceSpecError } from './errors.js';

/** One `write_files` entry, as the kind script applies it. */
export interface KindWriteFile {
  path: string;
  owner: string;
  permissions: string;
  content: string;
}

/** The part of a cloud-config that kind instances apply without cloud-init: files, then commands. */
export interface KindCloudConfig {
  write_files: KindWriteFile[];
  runcmd: string[];
}

const jinjaHeader = '## template: jinja\n';
const cloudConfigHeader = '#cloud-config\n';
const fileKeys = new Set(['path', 'owner', 'permissions', 'content']);

/**
 * Parses bootstrap data for kind's default mode, strictly as CAPN does: an optional `## template: jinja` line
 * (then `{{ v1.local_hostname }}` becomes `{{ container.name }}`, which Incus renders when the JSON is installed
 * as an instance template), a required `#cloud-config` line, and only `write_files` (path, owner, permissions,
 * content) and `runcmd` (strings). Anything else would be silently skipped on the node, so it is an error; use
 * `user.capn.x-kind-apt-install-cloud-init: "true"` for full cloud-init.
 */
export function parseKindCloudConfig(bootstrapData: string): KindCloudConfig {
  let text = bootstrapData;
  if (text.startsWith(jinjaHeader)) {
    text = text.slice(jinjaHeader.length).replaceAll('{{ v1.local_hostname }}', '{{ container.name }}');
  }
  if (!text.startsWith(cloudConfigHeader))
    throw new InstanceSpecError('bootstrap data: missing required header #cloud-config');
  let document: unknown;
  try {
    document = parse(text) ?? {};
  } catch (error) {
    throw new InstanceSpecError(`bootstrap data is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (!isRecord(document)) throw new InstanceSpecError('bootstrap data: the cloud-config must be a mapping');
  for (const key of Object.keys(document)) {
    if (key !== 'write_files' && key !== 'runcmd') {
      throw new InstanceSpecError(
        `bootstrap data: cloud-config key "${key}" is not supported by kind instances without cloud-init ` +
          '(only write_files and runcmd; set user.capn.x-kind-apt-install-cloud-init: "true" for full cloud-init)',
      );
    }
  }
  return { write_files: writeFiles(document.write_files), runcmd: commands(document.runcmd) };
}

function writeFiles(value: unknown): KindWriteFile[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InstanceSpecError('bootstrap data: write_files must be a list');
  return value.map((entry, index) => {
    if (!isRecord(entry)) throw new InstanceSpecError(`bootstrap data: write_files[${index}] must be a mapping`);
    for (const key of Object.keys(entry)) {
      if (!fileKeys.has(key)) {
        throw new InstanceSpecError(`bootstrap data: write_files[${index}].${key} is not supported by kind instances`);
      }
    }
    return {
      path: stringField(entry, 'path', index),
      owner: stringField(entry, 'owner', index),
      permissions: stringField(entry, 'permissions', index),
      content: stringField(entry, 'content', index),
    };
  });
}

function stringField(entry: Record<string, unknown>, key: string, index: number): string {
  const value = entry[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string')
    throw new InstanceSpecError(`bootstrap data: write_files[${index}].${key} must be a string`);
  return value;
}

function commands(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InstanceSpecError('bootstrap data: runcmd must be a list');
  return value.map((command, index) => {
    if (typeof command !== 'string') {
      throw new InstanceSpecError(
        `bootstrap data: runcmd[${index}] must be a string (list-form commands are not supported)`,
      );
    }
    return command;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
