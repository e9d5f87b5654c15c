import type { ObjectEventRecorder } from '@capi-ts/sdk';
import type { OpenStackServerSpec } from '../api/v1alpha1/openstack-server.js';
import type { RootVolume } from '../api/v1beta1/block-devices.js';
import { recordCall } from '../controllers/shared/events.js';
import { additionalVolumeName, rootVolumeName } from '../controllers/shared/resource-names.js';
import { cinder, FilterMatchError, type OpenStackSession } from '../openstack/index.js';
import type { BlockDeviceMapping } from '../openstack/nova/servers.js';
import { DependencyFailedError } from './errors.js';

/** One Cinder volume a server needs, before it exists. */
export interface VolumePlan {
  readonly name: string;
  readonly sizeGiB: number;
  readonly imageId?: string | undefined;
  readonly availabilityZone?: string | undefined;
  readonly volumeType?: string | undefined;
  /** Block device tag (the additional device's name); none for the root volume. */
  readonly tag?: string | undefined;
}

type VolumeOptions = Pick<RootVolume, 'type' | 'availabilityZone'>;

/** The volume's zone as CAPO picks it: a named zone, else the server's (its failure domain). */
function volumeZone(volume: VolumeOptions | undefined, serverZone: string | undefined): string | undefined {
  const zone = volume?.availabilityZone;
  if (zone === undefined || zone.from === 'Machine') return serverZone;
  return zone.name;
}

/** The Cinder volumes of a server: `<server>-root` from the image, and `<server>-<name>` for each Volume device. */
export function plannedVolumes(serverName: string, spec: OpenStackServerSpec, imageId: string): VolumePlan[] {
  const plans: VolumePlan[] = [];
  if (spec.rootVolume !== undefined) {
    plans.push({
      name: rootVolumeName(serverName),
      sizeGiB: spec.rootVolume.sizeGiB,
      imageId,
      availabilityZone: volumeZone(spec.rootVolume, spec.availabilityZone),
      volumeType: spec.rootVolume.type,
    });
  }
  for (const device of spec.additionalBlockDevices ?? []) {
    if (device.storage.type !== 'Volume') continue;
    plans.push({
      name: additionalVolumeName(serverName, device.name),
      sizeGiB: device.sizeGiB,
      availabilityZone: volumeZone(device.storage.volume, spec.availabilityZone),
      volumeType: device.storage.volume?.type,
      tag: device.name,
    });
  }
  return plans;
}

/** Where the server's volumes are: all available (with their ids), or some still being created. */
export type VolumesState =
  | { readonly ready: true; readonly ids: ReadonlyMap<string, string> }
  | { readonly ready: false; readonly waitingFor: string };

/**
 * Finds each planned volume by name in the project or creates it, and reports whether all are `available`.
 * A volume in `error` is a {@link DependencyFailedError} naming it. Creations are recorded as CAPO's `CreateVolume`
 * events about `events`' object.
 */
export async function ensureVolumes(
  session: OpenStackSession,
  events: ObjectEventRecorder,
  plans: readonly VolumePlan[],
): Promise<VolumesState> {
  const ids = new Map<string, string>();
  let waitingFor: string | undefined;
  const projectId = await session.projectId();
  for (const plan of plans) {
    const found = await cinder.listVolumes(session, { name: plan.name, projectId });
    if (found.length > 1) throw new FilterMatchError('multiple-matches', `volume named ${plan.name}`, found.length);
    const volume =
      found[0] ??
      (await recordCall(
        events,
        {
          action: 'CreateVolume',
          attempt: `create volume ${plan.name}`,
          done: (created) => `Created volume ${plan.name} with id ${created.id}`,
        },
        () =>
          cinder.createVolume(session, {
            name: plan.name,
            size: plan.sizeGiB,
            ...(plan.imageId ? { imageRef: plan.imageId } : {}),
            ...(plan.availabilityZone ? { availability_zone: plan.availabilityZone } : {}),
            ...(plan.volumeType ? { volume_type: plan.volumeType } : {}),
          }),
      ));
    if (volume.status === 'error') {
      throw new DependencyFailedError(`volume ${plan.name} (${volume.id}) is in state error`);
    }
    if (volume.status !== 'available') waitingFor ??= `volume ${plan.name} is ${volume.status}`;
    ids.set(plan.name, volume.id);
  }
  return waitingFor === undefined ? { ready: true, ids } : { ready: false, waitingFor };
}

/**
 * The `block_device_mapping_v2` of a server, as CAPO builds it: the root volume (boot index 0) or, when there are
 * other devices, the image as a local boot disk; then each additional device, a volume or local ephemeral storage,
 * tagged with its name. Every device goes with the server (`delete_on_termination`).
 */
export function blockDeviceMappings(
  serverName: string,
  spec: OpenStackServerSpec,
  imageId: string,
  volumeIds: ReadonlyMap<string, string>,
): BlockDeviceMapping[] {
  const devices = spec.additionalBlockDevices ?? [];
  if (spec.rootVolume === undefined && devices.length === 0) return [];
  const mappings: BlockDeviceMapping[] = [];
  if (spec.rootVolume !== undefined) {
    mappings.push({
      source_type: 'volume',
      destination_type: 'volume',
      uuid: volumeIds.get(rootVolumeName(serverName)) as string,
      boot_index: 0,
      delete_on_termination: true,
    });
  } else {
    mappings.push({
      source_type: 'image',
      destination_type: 'local',
      uuid: imageId,
      boot_index: 0,
      delete_on_termination: true,
    });
  }
  for (const device of devices) {
    if (device.storage.type === 'Volume') {
      mappings.push({
        source_type: 'volume',
        destination_type: 'volume',
        uuid: volumeIds.get(additionalVolumeName(serverName, device.name)) as string,
        boot_index: -1,
        delete_on_termination: true,
        tag: device.name,
      });
    } else {
      mappings.push({
        source_type: 'blank',
        destination_type: 'local',
        volume_size: device.sizeGiB,
        boot_index: -1,
        delete_on_termination: true,
        tag: device.name,
      });
    }
  }
  return mappings;
}

/**
 * Deletes the server's volumes that are still there (created before the server, or the server never took them).
 * Answers whether any is still going away.
 */
export async function deleteLeftoverVolumes(session: OpenStackSession, names: readonly string[]): Promise<boolean> {
  const projectId = await session.projectId();
  let pending = false;
  for (const name of names) {
    for (const volume of await cinder.listVolumes(session, { name, projectId })) {
      pending = true;
      if (volume.status === 'deleting' || volume.attachments.length > 0) continue;
      await cinder.deleteVolume(session, volume.id);
    }
  }
  return pending;
}
