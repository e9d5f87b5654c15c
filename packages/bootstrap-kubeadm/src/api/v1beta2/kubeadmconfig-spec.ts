import { celRule } from '@capi-ts/sdk';
import { z } from 'zod';
import { clusterConfigurationSchema } from './cluster-configuration.js';
import { boundedList, boundedString, cappedList, nonEmpty, secretKeyReferenceSchema } from './fields.js';
import { initConfigurationSchema, joinConfigurationSchema } from './node-configuration.js';

// `KubeadmConfigSpec` v1beta2, field for field as Cluster API v1.14 declares it (names, types, enums, limits and
// CEL rules), plus `ignition.version`, which selects Ignition spec 3 output (upstream only emits spec 2.3).

/** Output formats of the bootstrap data. */
export const BOOTSTRAP_FORMATS = ['cloud-config', 'ignition'] as const;
/** The format of the bootstrap data: cloud-init's cloud-config or Ignition. */
export type BootstrapFormat = (typeof BOOTSTRAP_FORMATS)[number];

/** Ignition spec versions the provider renders; 2.3.0 is upstream's (and the default), 3.4.0 our addition. */
export const IGNITION_VERSIONS = ['2.3.0', '3.4.0'] as const;
/** An Ignition spec version the provider renders. */
export type IgnitionVersion = (typeof IGNITION_VERSIONS)[number];

/** A file written to the node before kubeadm runs. */
export const fileSchema = z
  .object({
    path: boundedString(1, 512).describe('Full path of the file on the node.'),
    owner: boundedString(1, 256).describe('Owner as "user:group", e.g. "root:root".').optional(),
    permissions: boundedString(1, 16).describe('Permissions in octal, e.g. "0640".').optional(),
    encoding: z.enum(['base64', 'gzip', 'gzip+base64']).describe('Encoding of the content.').optional(),
    append: z.boolean().describe('Appends to the file instead of replacing it.').optional(),
    content: boundedString(1, 10240).describe('Content of the file.').optional(),
    contentFrom: z
      .object({ secret: secretKeyReferenceSchema.describe('The Secret key holding the content.') })
      .describe('Where the content comes from, instead of content.')
      .optional(),
    contentFormat: z
      .enum(['Raw', 'Template'])
      .describe('Template renders the content as a Go template with {{ .controlPlane.version }}.')
      .optional(),
  })
  .describe('A file written to the node.');

/** A user created on the node. */
export const userSchema = z
  .object({
    name: boundedString(1, 256).describe('Login name.'),
    gecos: boundedString(1, 256).describe('GECOS comment.').optional(),
    groups: boundedString(1, 256).describe('Extra groups, comma-separated.').optional(),
    homeDir: boundedString(1, 256).describe('Home directory.').optional(),
    inactive: z.boolean().describe('Creates the user inactive (cloud-config only).').optional(),
    shell: boundedString(1, 256).describe('Login shell.').optional(),
    passwd: boundedString(1, 256).describe('Password hash.').optional(),
    passwdFrom: z
      .object({ secret: secretKeyReferenceSchema.describe('The Secret key holding the password hash.') })
      .describe('Where the password hash comes from, instead of passwd.')
      .optional(),
    primaryGroup: boundedString(1, 256).describe('Primary group.').optional(),
    lockPassword: z.boolean().describe('Disables password login.').optional(),
    sudo: boundedString(1, 256).describe('sudoers rule, e.g. "ALL=(ALL) NOPASSWD:ALL".').optional(),
    sshAuthorizedKeys: cappedList(boundedString(1, 2048), 100).describe('Authorized SSH public keys.').optional(),
  })
  .describe('A user of the node.');

const PARTITION_TYPE_RULE =
  "self.matches('^(Linux|LinuxSwap|LinuxRAID|LVM|Fat32|NTFS|LinuxExtended|[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})$')";

/** One partition of a `diskLayout`. */
export const partitionSpecSchema = z
  .object({
    percentage: z.int32().min(1).max(100).describe('Share of the disk in percent.'),
    partitionType: celRule(
      boundedString(1, 36),
      PARTITION_TYPE_RULE,
      'partitionType must be one of Linux, LinuxSwap, LinuxRAID, LVM, Fat32, NTFS, LinuxExtended or a full GPT partition GUID',
    )
      .describe('Partition type name or GPT partition type GUID.')
      .optional(),
  })
  .describe('A partition of a disk layout.');

/** How one disk is partitioned. */
export const partitionSchema = celRule(
  z
    .object({
      device: boundedString(1, 256).describe('Device to partition.'),
      layout: z.boolean().describe('true: one partition over the whole disk.').optional(),
      diskLayout: boundedList(partitionSpecSchema, 1, 100).describe('Partitions of the disk.').optional(),
      overwrite: z.boolean().describe('Partitions even if the disk has a partition table.').optional(),
      tableType: z.enum(['mbr', 'gpt']).describe('Partition table type.').optional(),
    })
    .describe('How a disk is partitioned.'),
  '[has(self.layout),has(self.diskLayout)].filter(x,x==true).size() == 1',
  'exactly one of the fields in [layout diskLayout] must be set',
);

/** A filesystem created on the node. */
export const filesystemSchema = z
  .object({
    device: boundedString(1, 256).describe('Device holding the filesystem.'),
    filesystem: boundedString(1, 128).describe('Filesystem type, e.g. ext4.'),
    label: boundedString(1, 512).describe('Filesystem label.').optional(),
    partition: boundedString(1, 128).describe('Partition, e.g. "auto" or "1" (cloud-config only).').optional(),
    overwrite: z.boolean().describe('Recreates the filesystem if one exists.').optional(),
    replaceFS: boundedString(1, 128).describe('Filesystem type to replace (cloud-config only).').optional(),
    extraOpts: cappedList(boundedString(1, 256), 100).describe('Extra options of mkfs.').optional(),
  })
  .describe('A filesystem.');

/** The spec of a KubeadmConfig. */
export const kubeadmConfigSpecSchema = nonEmpty(
  z
    .object({
      clusterConfiguration: clusterConfigurationSchema.optional(),
      initConfiguration: initConfigurationSchema.optional(),
      joinConfiguration: joinConfigurationSchema.optional(),
      files: boundedList(fileSchema, 1, 200).describe('Files written to the node.').optional(),
      diskSetup: nonEmpty(
        z
          .object({
            partitions: cappedList(partitionSchema, 100).describe('Disks to partition.').optional(),
            filesystems: cappedList(filesystemSchema, 100).describe('Filesystems to create.').optional(),
          })
          .describe('Disk partitions and filesystems.'),
      ).optional(),
      mounts: boundedList(z.array(boundedString(1, 512)).min(1).max(100), 1, 100)
        .describe('Mounts, each as in /etc/fstab: [device, mount point, type, options, ...].')
        .optional(),
      bootCommands: boundedList(boundedString(1, 10240), 1, 1000)
        .describe('Commands run very early in boot (cloud-config bootcmd).')
        .optional(),
      preKubeadmCommands: boundedList(boundedString(1, 10240), 1, 1000)
        .describe('Commands run before kubeadm.')
        .optional(),
      postKubeadmCommands: boundedList(boundedString(1, 10240), 1, 1000)
        .describe('Commands run after kubeadm.')
        .optional(),
      users: boundedList(userSchema, 1, 100).describe('Users created on the node.').optional(),
      ntp: nonEmpty(
        z
          .object({
            servers: cappedList(boundedString(1, 512), 100).describe('NTP servers.').optional(),
            enabled: z.boolean().describe('Enables NTP.').optional(),
          })
          .describe('NTP settings.'),
      ).optional(),
      format: z.enum(BOOTSTRAP_FORMATS).describe('Format of the bootstrap data; cloud-config when empty.').optional(),
      verbosity: z.int32().describe('kubeadm log verbosity (--v).').optional(),
      ignition: nonEmpty(
        z
          .object({
            containerLinuxConfig: nonEmpty(
              z
                .object({
                  additionalConfig: boundedString(1, 32768)
                    .describe('Extra Container Linux Config (YAML) merged into the generated one.')
                    .optional(),
                  strict: z.boolean().describe('Fails on warnings of the Container Linux Config.').optional(),
                })
                .describe('Container Linux Config options (Ignition 2.3).'),
            ).optional(),
            version: z
              .enum(IGNITION_VERSIONS)
              .describe(
                'Ignition spec version of the output: 2.3.0 (Flatcar, as upstream; the default) or 3.4.0 ' +
                  '(Fedora CoreOS, current Flatcar). Not in Cluster API.',
              )
              .optional(),
          })
          .describe('Options of the Ignition output.'),
      ).optional(),
    })
    .describe('The desired state of a KubeadmConfig.'),
);

/** The spec of a KubeadmConfig (v1beta2). */
export type KubeadmConfigSpec = z.output<typeof kubeadmConfigSpecSchema>;
/** A file of `spec.files`. */
export type KubeadmFile = z.output<typeof fileSchema>;
/** A user of `spec.users`. */
export type KubeadmUser = z.output<typeof userSchema>;
