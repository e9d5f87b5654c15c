import { builtin } from '../client/builtin.js';
import type { KubeObject } from '../client/object.js';
import { CLUSTER_API_GROUP, CURRENT_CONTRACT_VERSION } from './constants.js';
import type { ObjectReader } from './object-reader.js';
import type { GroupKind } from './owner-references.js';
import { pluralize } from './pluralize.js';

/**
 * The CRD name Cluster API expects for a kind: `<plural of lower-cased kind>.<group>`
 * (`util/contract.CalculateCRDName`, flect pluralisation). clusterctl refuses CRDs named otherwise, and the
 * contract-version lookup reads the CRD by this name.
 */
export function crdNameFor(group: string, kind: string): string {
  return `${pluralize(kind.toLowerCase())}.${group}`;
}

/** The CRD label that maps a contract version to CRD versions: `cluster.x-k8s.io/<contract>`. */
export function contractLabel(contract: string): string {
  return `${CLUSTER_API_GROUP}/${contract}`;
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY = { alpha: 0, beta: 1, ga: 2 } as const;

/**
 * Orders Kubernetes API versions as `CompareKubeAwareVersionStrings` does: GA > beta > alpha, then major, then
 * minor (`v2 > v1 > v1beta2 > v1beta1 > v1alpha1`); strings that are not such versions sort below them, in reverse
 * lexical order. Negative when `a < b`.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const pa = KUBE_VERSION.exec(a);
  const pb = KUBE_VERSION.exec(b);
  if (!pa && !pb) return b < a ? -1 : 1;
  if (!pa) return -1;
  if (!pb) return 1;
  const stability = (m: RegExpExecArray) => STABILITY[(m[2] as 'alpha' | 'beta' | undefined) ?? 'ga'];
  if (stability(pa) !== stability(pb)) return stability(pa) - stability(pb);
  if (pa[1] !== pb[1]) return Number(pa[1]) - Number(pb[1]);
  return Number(pa[3] ?? 0) - Number(pb[3] ?? 0);
}

/** The contracts a contract accepts objects from, newest first: v1beta2 is temporarily compatible with v1beta1. */
export function compatibleContracts(contract: string = CURRENT_CONTRACT_VERSION): string[] {
  return contract === 'v1beta2' ? ['v1beta2', 'v1beta1'] : [contract];
}

/** A contract version and the CRD version that implements it. */
export interface ContractAndApiVersion {
  contract: string;
  /** The CRD version to read and write, e.g. `v1alpha2`. */
  apiVersion: string;
}

/**
 * Picks the contract and the CRD version Cluster API would use from a CRD's labels: the newest compatible contract
 * that has a non-empty `cluster.x-k8s.io/<contract>` label, and the newest version in that label's `_`-separated
 * list. Throws when no such label exists, as Cluster API does.
 */
export function latestContractAndApiVersion(
  crdLabels: Readonly<Record<string, string>> | undefined,
  currentContract: string = CURRENT_CONTRACT_VERSION,
  crdName = 'the CRD',
): ContractAndApiVersion {
  const contracts = compatibleContracts(currentContract).sort(compareKubeAwareVersions).reverse();
  for (const contract of contracts) {
    const versions = crdLabels?.[contractLabel(contract)];
    if (!versions) continue;
    const sorted = versions.split('_').sort(compareKubeAwareVersions);
    return { contract, apiVersion: sorted[sorted.length - 1] as string };
  }
  throw new Error(
    `cannot find any versions matching contract versions ${JSON.stringify(contracts)} for CRD ${crdName} as ` +
      'contract version label(s) are either missing or empty',
  );
}

/**
 * Reads the CRD of `kind` (by its {@link crdNameFor} name) and returns the contract it implements and the API version
 * to use for it. Throws when the CRD does not exist or carries no compatible contract label.
 */
export async function getContractAndApiVersion(
  reader: ObjectReader,
  kind: GroupKind,
  currentContract: string = CURRENT_CONTRACT_VERSION,
): Promise<ContractAndApiVersion> {
  const name = crdNameFor(kind.group, kind.kind);
  const crd: Readonly<KubeObject> | undefined = await reader.get(builtin.customResourceDefinition, { name });
  if (!crd) throw new Error(`CustomResourceDefinition ${name} for ${kind.kind}.${kind.group} does not exist`);
  return latestContractAndApiVersion(crd.metadata.labels, currentContract, name);
}
