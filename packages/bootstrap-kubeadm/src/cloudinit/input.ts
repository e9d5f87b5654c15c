import type { KubeadmConfigSpec, KubeadmFile, KubeadmUser } from '../api/v1beta2/index.js';

/** A file to write, with its content resolved (no `contentFrom`, templates rendered). */
export type ResolvedFile = Omit<KubeadmFile, 'contentFrom' | 'contentFormat' | 'content'> & { content: string };

/** A user to create, with the password hash resolved (no `passwdFrom`). */
export type ResolvedUser = Omit<KubeadmUser, 'passwdFrom'>;

/** What every bootstrap document (cloud-config or Ignition) of a node is made of. */
export interface BootstrapInput {
  /** Certificate files then the user's files, in that order. */
  writeFiles: ResolvedFile[];
  users?: ResolvedUser[];
  bootCommands?: string[];
  preKubeadmCommands?: string[];
  postKubeadmCommands?: string[];
  ntp?: KubeadmConfigSpec['ntp'];
  diskSetup?: KubeadmConfigSpec['diskSetup'];
  mounts?: string[][];
  /** `spec.verbosity`: appended to kubeadm as `--v N`. */
  verbosity?: number;
}

/** The node initialising the cluster: `kubeadm init` with both documents. */
export interface InitControlPlaneInput extends BootstrapInput {
  /** The ClusterConfiguration document (YAML, ending with a newline). */
  clusterConfiguration: string;
  /** The InitConfiguration document (YAML, ending with a newline). */
  initConfiguration: string;
}

/** A node joining the cluster: `kubeadm join`. */
export interface JoinInput extends BootstrapInput {
  /** The JoinConfiguration document (YAML, ending with a newline). */
  joinConfiguration: string;
}

/** The role a node's bootstrap data is rendered for. */
export type BootstrapRole =
  | ({ role: 'init-control-plane' } & InitControlPlaneInput)
  | ({ role: 'join-control-plane' } & JoinInput)
  | ({ role: 'worker' } & JoinInput);

/** `--v N` when a verbosity is set, else empty. */
export function verbosityFlag(verbosity: number | undefined): string {
  return verbosity === undefined ? '' : `--v ${verbosity}`;
}

/** The file that tells Cluster API the node bootstrapped (the bootstrap contract's sentinel). */
export const SENTINEL_FILE = '/run/cluster-api/bootstrap-success.complete';
