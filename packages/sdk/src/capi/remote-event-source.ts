import type { CacheEvent } from '../cache/types.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import type { RawSource } from '../controller/raw-source.js';
import type { Request } from '../controller/request.js';
import type { KubeconfigReference } from './kubeconfig-reference.js';

/** Maps an event of a remote cluster to the management-cluster objects to reconcile. */
export type RemoteEventMapper<T extends KubeObject = KubeObject> = (
  event: CacheEvent<T>,
  reference: KubeconfigReference,
) => Request[];

/**
 * Events of one kind in remote clusters, mapped back to requests of one controller. Its {@link source} is a raw
 * source for `controllerBuilder(...).watchesRawSource(...)`; `ClusterCache.watch` connects it to a cluster.
 */
export class RemoteEventSource<T extends KubeObject = KubeObject> {
  /** The raw source to give the controller: it receives the mapped requests once the controller runs. */
  readonly source: RawSource;
  private enqueue: ((request: Request) => void) | undefined;
  private readonly pending: Request[] = [];

  constructor(
    readonly name: string,
    readonly type: ResourceType<T>,
    private readonly map: RemoteEventMapper<T>,
  ) {
    this.source = {
      name,
      start: (enqueue, signal) => {
        if (this.enqueue) throw new Error(`remote event source ${name} is already started`);
        this.enqueue = enqueue;
        signal.addEventListener('abort', () => {
          this.enqueue = undefined;
        });
        for (const request of this.pending.splice(0)) enqueue(request);
      },
    };
  }

  /** Maps an event of `reference`'s cluster and enqueues the requests (kept until the controller starts). */
  deliver(event: CacheEvent<T>, reference: KubeconfigReference): void {
    for (const request of this.map(event, reference)) {
      if (this.enqueue) this.enqueue(request);
      else this.pending.push(request);
    }
  }
}
