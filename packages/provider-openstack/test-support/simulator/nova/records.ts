/** Nova's records. */

/** A flavor to seed (`flavors` option). */
export interface SimulatorFlavor {
  readonly id: string;
  readonly name: string;
  readonly vcpus: number;
  readonly ram: number;
  readonly disk: number;
  readonly ephemeral?: number;
  readonly extraSpecs?: Readonly<Record<string, string>>;
}

/** Flavors of a fresh simulator (DevStack's ids and sizes). */
export const defaultFlavors: readonly SimulatorFlavor[] = [
  { id: '1', name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 },
  { id: '2', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
  { id: '3', name: 'm1.medium', vcpus: 2, ram: 4096, disk: 40 },
  { id: '4', name: 'm1.large', vcpus: 4, ram: 8192, disk: 80 },
];

/** A network interface of a server: the Neutron port and whether Nova created it (then Nova deletes it). */
export interface ServerPort {
  readonly portId: string;
  readonly createdByNova: boolean;
  readonly tag: string | undefined;
}

/** A volume attached to a server. */
export interface ServerVolume {
  readonly volumeId: string;
  readonly device: string;
  readonly deleteOnTermination: boolean;
  readonly tag: string | undefined;
}

/** A server's fault (shown when it is in ERROR). */
export interface ServerFault {
  readonly code: number;
  readonly message: string;
  readonly details: string;
  readonly created: string;
}

/** A server. */
export interface ServerRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  name: string;
  status: string;
  vmState: string;
  taskState: string | null;
  powerState: number;
  readonly flavorId: string;
  readonly imageId: string;
  readonly availabilityZone: string;
  readonly keyName: string | null;
  metadata: Record<string, string>;
  tags: string[];
  readonly configDrive: boolean;
  readonly userData: string | undefined;
  readonly hostId: string;
  readonly host: string;
  readonly created: string;
  updated: string;
  launchedAt: string | null;
  fault: ServerFault | undefined;
  ports: ServerPort[];
  volumes: ServerVolume[];
  readonly serverGroupId: string | undefined;
  readonly adminPass: string;
}

/** A server group. */
export interface ServerGroupRecord {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  readonly projectId: string;
  readonly userId: string;
  members: string[];
}

/** A key pair (per user). */
export interface KeyPairRecord {
  readonly name: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly type: string;
  readonly created: string;
}

/** Nova's state. */
export class ComputeState {
  readonly servers = new Map<string, ServerRecord>();
  readonly flavors = new Map<string, SimulatorFlavor>();
  readonly serverGroups = new Map<string, ServerGroupRecord>();
  /** Key pairs keyed `<userId>/<name>`. */
  readonly keyPairs = new Map<string, KeyPairRecord>();
  availabilityZones: string[] = ['nova'];
}
