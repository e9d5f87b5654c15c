import type { CacheEvent } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { type Request, requestFor, requestKey } from './request.js';

/** Turns an informer event into the requests it triggers (controller-runtime's event handlers). */
export type RequestMapper<T extends KubeObject = KubeObject> = (event: CacheEvent<T>) => Request[];

/** Maps one object of a watched kind to the requests of the controller's kind (e.g. a Cluster to its machines). */
export type MapFunction<T extends KubeObject = KubeObject> = (object: Readonly<T>) => Request[];

/** The objects an event concerns: the new state, and for updates also the old one (its owners may have changed). */
function objectsOf<T extends KubeObject>(event: CacheEvent<T>): Readonly<T>[] {
  return event.type === 'updated' && event.oldObject ? [event.object, event.oldObject] : [event.object];
}

function unique(requests: Request[]): Request[] {
  const byKey = new Map(requests.map((request) => [requestKey(request), request]));
  return [...byKey.values()];
}

/** The object itself (controller-runtime's `EnqueueRequestForObject`), used by `for`. */
export const requestsForObject: RequestMapper = (event) => [requestFor(event.object)];

/**
 * The controlling owner of the object, when it is of `ownerType` (controller-runtime's `EnqueueRequestForOwner`
 * with `OnlyControllerOwner`), used by `owns`. Owner references are matched on group and kind, never on the
 * version, so they survive API version bumps. Namespaced owners live in the object's namespace.
 */
export function requestsForOwner(ownerType: Pick<ResourceType, 'group' | 'kind' | 'namespaced'>): RequestMapper {
  return (event) =>
    unique(
      objectsOf(event).flatMap((object) =>
        (object.metadata.ownerReferences ?? [])
          .filter(
            (ref) =>
              ref.controller === true && ref.kind === ownerType.kind && groupOf(ref.apiVersion) === ownerType.group,
          )
          .map((ref) =>
            ownerType.namespaced && object.metadata.namespace
              ? { namespace: object.metadata.namespace, name: ref.name }
              : { name: ref.name },
          ),
      ),
    );
}

/** Whatever `map` returns for the object (and for updates, for its old state too), used by `watches`. */
export function requestsFromMap<T extends KubeObject>(map: MapFunction<T>): RequestMapper<T> {
  return (event) => unique(objectsOf(event).flatMap((object) => map(object)));
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
