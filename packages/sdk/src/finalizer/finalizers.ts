import { isNotFound } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { ResourceType } from '../client/resource-type.js';
import { createPatchHelper } from '../patch/patch-helper.js';

/** Whether `object` lists the finalizer `name`. */
export function hasFinalizer(object: KubeObject | Readonly<KubeObject>, name: string): boolean {
  return object.metadata.finalizers?.includes(name) ?? false;
}

/**
 * Adds the finalizer `name` unless the object already has it or is being deleted (CAPI's
 * `util/finalizers.EnsureFinalizer`). Call it before creating anything the finalizer must clean up.
 *
 * The write is a JSON patch that `test`s the finalizer list as last seen and then sets it with `name` appended,
 * so a finalizer that another controller added in the meantime is kept (on a failed test the list is re-read
 * and the addition replayed, as the patch helper does). Returns whether it wrote; `object` is not modified
 * (it may be frozen).
 */
export async function ensureFinalizer<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType<T>,
  object: T | Readonly<T>,
  name: string,
): Promise<boolean> {
  if (object.metadata.deletionTimestamp !== undefined || hasFinalizer(object, name)) return false;
  const helper = createPatchHelper(client, type, object);
  helper.object.metadata.finalizers = [...(helper.object.metadata.finalizers ?? []), name];
  return (await helper.patch(helper.object)).written;
}

/**
 * Removes every occurrence of the finalizer `name`, with the same `test`-guarded JSON patch as
 * {@link ensureFinalizer}, so the other finalizers (and ones added concurrently) stay. Returns whether it
 * wrote; `false` when the finalizer or the object is already gone.
 */
export async function removeFinalizer<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType<T>,
  object: T | Readonly<T>,
  name: string,
): Promise<boolean> {
  if (!hasFinalizer(object, name)) return false;
  const helper = createPatchHelper(client, type, object);
  helper.object.metadata.finalizers = (helper.object.metadata.finalizers ?? []).filter((f) => f !== name);
  try {
    return (await helper.patch(helper.object)).written;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
