import type { OpenStackServerSpec } from '../api/v1alpha1/openstack-server.js';
import type { ResolvedMachineSpec } from '../api/v1beta1/status-types.js';
import type { nova } from '../openstack/index.js';
import { blockDeviceMappings } from './volumes.js';

/** What the server create needs besides the spec: resolved ids, port ids, volume ids and the user data. */
export interface ServerCreateInputs {
  readonly name: string;
  readonly spec: OpenStackServerSpec;
  readonly resolved: ResolvedMachineSpec;
  readonly portIds: readonly string[];
  readonly volumeIds: ReadonlyMap<string, string>;
  /** The bootstrap data, base64 (as a Secret stores it). */
  readonly userDataBase64?: string | undefined;
}

/**
 * The Nova create request of an OpenStackServer (CAPO's `CreateInstance`): flavor and image by resolved id (no
 * image when booting from a volume), the ports in order, metadata, tags, config drive, key pair, zone, server
 * group, scheduler hints and block devices.
 */
export function serverCreateRequest(inputs: ServerCreateInputs): nova.ServerCreateRequest {
  const { spec, resolved } = inputs;
  const imageId = resolved.imageID ?? '';
  const hints = Object.fromEntries(
    (spec.schedulerHintAdditionalProperties ?? []).map((hint) => [
      hint.name,
      hint.value.type === 'Bool'
        ? hint.value.bool
        : hint.value.type === 'Number'
          ? hint.value.number
          : hint.value.string,
    ]),
  ) as Record<string, string | number | boolean>;
  const metadata = Object.fromEntries((spec.serverMetadata ?? []).map((entry) => [entry.key, entry.value]));
  return {
    name: inputs.name,
    imageRef: spec.rootVolume !== undefined ? '' : imageId,
    flavorRef: resolved.flavorID ?? '',
    availabilityZone: spec.availabilityZone,
    portIds: inputs.portIds,
    userData: inputs.userDataBase64,
    metadata,
    configDrive: spec.configDrive,
    tags: spec.tags,
    keyName: spec.sshKeyName,
    blockDevices: blockDeviceMappings(inputs.name, spec, imageId, inputs.volumeIds),
    serverGroupId: resolved.serverGroupID,
    additionalSchedulerHints: hints,
  };
}
