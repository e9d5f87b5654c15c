import type { KubeObject, OwnerReference } from '../client/object.js';
import { apiVersionOf, type ResourceType } from '../client/resource-type.js';

/** A kind within an API group, independent of the version. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** The group of an `apiVersion`: `''` for the core group (`v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Options for {@link ownerReferenceTo}. */
export interface OwnerReferenceOptions {
  /** The owner's kind and version, for objects read without `apiVersion`/`kind` (e.g. list items). */
  type?: Pick<ResourceType, 'group' | 'version' | 'kind'>;
  /** Marks the owner as the managing controller; an object has at most one. */
  controller?: boolean;
  /** Keeps the owner from being deleted before this object under foreground deletion. */
  blockOwnerDeletion?: boolean;
}

/** An owner reference to `owner`, which must have been read from the API server (it needs a name and a UID). */
export function ownerReferenceTo(owner: Readonly<KubeObject>, options: OwnerReferenceOptions = {}): OwnerReference {
  const apiVersion = options.type ? apiVersionOf(options.type) : owner.apiVersion;
  const kind = options.type?.kind ?? owner.kind;
  const { name, uid } = owner.metadata;
  if (!apiVersion || !kind) throw new Error('owner reference: the owner has no apiVersion/kind; pass its type');
  if (!name || !uid) throw new Error(`owner reference: ${kind} has no name or uid; read it from the API server first`);
  return {
    apiVersion,
    kind,
    name,
    uid,
    ...(options.controller !== undefined ? { controller: options.controller } : {}),
    ...(options.blockOwnerDeletion !== undefined ? { blockOwnerDeletion: options.blockOwnerDeletion } : {}),
  };
}

/**
 * A controller reference to `owner` (`controller: true, blockOwnerDeletion: true`), as controller-runtime's
 * `SetControllerReference` writes it.
 */
export function controllerReferenceTo(
  owner: Readonly<KubeObject>,
  type?: Pick<ResourceType, 'group' | 'version' | 'kind'>,
): OwnerReference {
  return ownerReferenceTo(owner, { type, controller: true, blockOwnerDeletion: true });
}

/** Whether two references name the same object by group, kind and name; the version and UID are ignored. */
export function referSameObject(a: Readonly<OwnerReference>, b: Readonly<OwnerReference>): boolean {
  return groupOf(a.apiVersion) === groupOf(b.apiVersion) && a.kind === b.kind && a.name === b.name;
}

/** Whether `refs` holds a reference to the same object as `ref` (group, kind and name). */
export function hasOwnerReference(
  refs: readonly Readonly<OwnerReference>[] | undefined,
  ref: Readonly<OwnerReference>,
): boolean {
  return (refs ?? []).some((r) => referSameObject(r, ref));
}

/** Whether `refs` holds exactly `ref`: same apiVersion, kind, name, UID and controller flag. */
export function hasExactOwnerReference(
  refs: readonly Readonly<OwnerReference>[] | undefined,
  ref: Readonly<OwnerReference>,
): boolean {
  return (refs ?? []).some(
    (r) =>
      r.apiVersion === ref.apiVersion &&
      r.kind === ref.kind &&
      r.name === ref.name &&
      r.uid === ref.uid &&
      (r.controller ?? false) === (ref.controller ?? false),
  );
}

/**
 * Returns `refs` with `ref` in it: a reference to the same object (group, kind, name) is replaced, which updates
 * its version and UID; otherwise `ref` is appended. The input is not changed.
 */
export function ensureOwnerReference(
  refs: readonly Readonly<OwnerReference>[] | undefined,
  ref: Readonly<OwnerReference>,
): OwnerReference[] {
  const list = [...(refs ?? [])];
  const index = list.findIndex((r) => referSameObject(r, ref));
  if (index < 0) list.push({ ...ref });
  else list[index] = { ...ref };
  return list;
}

/** Returns `refs` without the reference to the same object as `ref` (group, kind, name). The input is not changed. */
export function removeOwnerReference(
  refs: readonly Readonly<OwnerReference>[] | undefined,
  ref: Readonly<OwnerReference>,
): OwnerReference[] {
  return (refs ?? []).filter((r) => !referSameObject(r, ref));
}

/** Whether any reference points to the group of `apiVersion` and one of `kinds` (Cluster API's `util.HasOwner`). */
export function hasOwner(
  refs: readonly Readonly<OwnerReference>[] | undefined,
  apiVersion: string,
  kinds: readonly string[],
): boolean {
  const group = groupOf(apiVersion);
  return (refs ?? []).some((r) => groupOf(r.apiVersion) === group && kinds.includes(r.kind));
}

/** The reference marked `controller: true`, if any. */
export function controllerReferenceOf(object: Readonly<KubeObject>): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((r) => r.controller === true);
}

function refersTo(ref: Readonly<OwnerReference>, target: Readonly<KubeObject>, targetKind: GroupKind): boolean {
  return (
    groupOf(ref.apiVersion) === targetKind.group && ref.kind === targetKind.kind && ref.name === target.metadata.name
  );
}

/** Whether `object` has an owner reference to `target` (matched by group, kind and name, not by UID). */
export function isOwnedBy(object: Readonly<KubeObject>, target: Readonly<KubeObject>, targetKind: GroupKind): boolean {
  return (object.metadata.ownerReferences ?? []).some((r) => refersTo(r, target, targetKind));
}

/** Whether `owner` is the controller of `object` (matched by group, kind and name, not by UID). */
export function isControlledBy(
  object: Readonly<KubeObject>,
  owner: Readonly<KubeObject>,
  ownerKind: GroupKind,
): boolean {
  const ref = controllerReferenceOf(object);
  return ref !== undefined && refersTo(ref, owner, ownerKind);
}
