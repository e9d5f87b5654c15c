import { Document } from 'yaml';

/** A file in the cloud-config `write_files` section (keys in the order CABPM writes them). */
export interface CloudConfigFile {
  content: string;
  path: string;
  permissions: string;
  owner: string;
}

/** The three cloud-config sections CABPM emits, in its key order. */
export interface CloudConfig {
  writeFiles: CloudConfigFile[];
  runCommands: string[];
  bootCommands: string[];
}

/** The first lines of the user data: cloud-init renders it as a Jinja template (instance data), as CABPM does. */
export const CLOUD_CONFIG_HEADER = '## template: jinja\n#cloud-config\n';

/**
 * Renders the user data: the header, then `write_files`, `runcmd` and `bootcmd` in that order (an empty list as
 * `[]`), sequences flush with their key and multi-line contents as literal blocks, as Go's yaml.v2 does. Strings a
 * YAML 1.1 reader (cloud-init's PyYAML) would take for another type, such as `0600` or `yes`, are quoted.
 */
export function renderCloudConfig(config: CloudConfig): string {
  const document = new Document(
    {
      write_files: config.writeFiles.map((f) => ({
        content: f.content,
        path: f.path,
        permissions: f.permissions,
        owner: f.owner,
      })),
      runcmd: config.runCommands,
      bootcmd: config.bootCommands,
    },
    { version: '1.1' },
  );
  const body = document.toString({
    indentSeq: false,
    lineWidth: 0,
    blockQuote: 'literal',
    singleQuote: true,
    directives: false,
  });
  return CLOUD_CONFIG_HEADER + body;
}
