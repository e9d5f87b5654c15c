import type { KubeObject } from './object.js';

/**
 * Identifies one kind at one API version on the wire. `T` is the object type the client hands back.
 * `defineResource()` builds these for custom resources; {@link builtin} holds the core kinds.
 */
export interface ResourceType<T extends KubeObject = KubeObject> {
  /** API group; `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lower-case plural used in REST paths. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** Phantom field that carries `T`; never set at run time. */
  readonly __type?: T;
}

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** The REST path of a collection, an object or one of its subresources. */
export function resourcePath(
  type: ResourceType,
  namespace?: string,
  name?: string,
  subresource?: 'status' | 'scale',
): string {
  const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  if (type.namespaced && !namespace && name) throw new Error(`${type.kind} ${name}: namespace is required`);
  const ns = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name ? `/${encodeURIComponent(name)}` : '';
  const sub = name && subresource ? `/${subresource}` : '';
  return `${base}${ns}/${type.plural}${obj}${sub}`;
}

/** Builds a {@link ResourceType} for a kind that has no schema in this process (core kinds, other providers' kinds). */
export function resourceType<T extends KubeObject = KubeObject>(
  apiVersion: string,
  kind: string,
  plural: string,
  namespaced: boolean,
): ResourceType<T> {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return { group, version, kind, plural, namespaced };
}
