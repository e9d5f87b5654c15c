import { capiTypes, createPatchHelper, isNotFound, type KubeClient, type Machine, setCondition } from '@capi-ts/sdk';
import type { ConditionValue } from './health.js';
import { MachineUpToDate } from './up-to-date.js';

/**
 * Sets a Machine's v1beta2 `UpToDate` condition from `value`, starting from the Machine as cached. Nothing is
 * written when the condition already says so; otherwise only this condition is merged into the latest server copy
 * (with a resourceVersion precondition, re-read and replayed on conflict), so the conditions Cluster API's Machine
 * controller writes are never touched. `lastTransitionTime` moves only when the status changes and
 * `observedGeneration` is the Machine's generation. A Machine that is already gone is skipped. Returns whether a
 * request was sent.
 */
export async function setMachineUpToDate(
  client: KubeClient,
  machine: Readonly<Machine>,
  value: ConditionValue,
): Promise<boolean> {
  const helper = createPatchHelper(client, capiTypes.machine, machine);
  if (!setCondition(helper.object, { type: MachineUpToDate.type, ...value })) return false;
  try {
    const { written } = await helper.patch(helper.object, { ownedConditions: [MachineUpToDate.type] });
    return written;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
