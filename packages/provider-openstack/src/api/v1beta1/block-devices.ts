import { celRule } from '@capi-ts/sdk';
import { z } from 'zod';

/**
 * The availability zone of a volume: a named zone (`from: Name`, the default, with `name`), or the machine's
 * failure domain (`from: Machine`, without `name`).
 */
export const volumeAvailabilityZoneSchema = celRule(
  z.object({
    from: z.enum(['Name', 'Machine']).default('Name'),
    name: z
      .string()
      .min(1)
      .regex(/^[^ ]+$/)
      .optional(),
  }),
  "!has(self.from) || self.from == 'Name' ? has(self.name) : !has(self.name)",
  "name is required when from is 'Name' or default",
);

/** Cinder volume options shared by the root volume and additional volumes (`BlockDeviceVolume`). */
export const blockDeviceVolumeShape = {
  type: z.string().optional().describe('Cinder volume type; the default type when unset.'),
  availabilityZone: volumeAvailabilityZoneSchema.optional(),
};

/** Boot from a Cinder volume of this size created from the image. */
export const rootVolumeSchema = z.object({
  sizeGiB: z.int().min(1),
  ...blockDeviceVolumeShape,
});

/**
 * An extra disk of the server: a Cinder volume (`Volume`) or local ephemeral storage (`Local`). The name
 * `root` is reserved.
 */
export const additionalBlockDeviceSchema = z.object({
  name: z.string(),
  sizeGiB: z.int().min(1),
  storage: z.object({
    type: z.string().describe('Volume or Local.'),
    volume: z.object(blockDeviceVolumeShape).optional(),
  }),
});

/** `RootVolume` */
export type RootVolume = z.infer<typeof rootVolumeSchema>;
/** `AdditionalBlockDevice` */
export type AdditionalBlockDevice = z.infer<typeof additionalBlockDeviceSchema>;
