/** Cinder's records. */

/** A volume attachment as Cinder lists it on the volume. */
export interface VolumeAttachment {
  readonly id: string;
  readonly attachment_id: string;
  readonly volume_id: string;
  readonly server_id: string;
  readonly host_name: string | null;
  readonly device: string;
  readonly attached_at: string;
}

/** A volume; `projectId` and `userId` are internal. */
export interface VolumeRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  name: string;
  description: string | null;
  size: number;
  status: string;
  availability_zone: string;
  volume_type: string;
  bootable: 'true' | 'false';
  multiattach: boolean;
  attachments: VolumeAttachment[];
  metadata: Record<string, string>;
  imageId: string | undefined;
  created_at: string;
  updated_at: string | null;
}

/** A volume type. */
export interface VolumeTypeRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly extra_specs: Record<string, string>;
}

/** Cinder's state. */
export class VolumeState {
  readonly volumes = new Map<string, VolumeRecord>();
  readonly types = new Map<string, VolumeTypeRecord>();
  availabilityZones: string[] = ['nova'];
}
