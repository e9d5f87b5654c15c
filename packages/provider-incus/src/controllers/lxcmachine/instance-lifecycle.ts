import type { ImageMetadataTemplate, InstanceState } from '../../incus/api/instance.js';
import { isFinalOperation, type Operation } from '../../incus/api/operation.js';
import type { IncusClient } from '../../incus/client.js';
import { IncusConflictError, isIncusNotFound } from '../../incus/errors.js';
import { instancePath } from '../../incus/instances.js';
import type { InstancePlan } from '../../instance/index.js';
import type { IncusEventHub } from './incus-event-hub.js';

/** Time limits of the instance operations (CAPN's: create 180 s, start 60 s, stop and delete 30 s). */
export const OPERATION_TIMEOUTS_MS = { create: 180_000, start: 60_000, stop: 30_000, delete: 30_000 } as const;

/** What instance operations need: the client and the event hub that reports their end. */
export interface InstanceOperations {
  client: IncusClient;
  hub: IncusEventHub;
}

/** The instance state, or `undefined` when there is no such instance. */
export async function instanceState(ops: InstanceOperations, name: string): Promise<InstanceState | undefined> {
  try {
    return await ops.client.instances.getState(name);
  } catch (error) {
    if (isIncusNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Brings the planned instance to `Running`, idempotently and safe to interrupt anywhere: an instance that a
 * previous reconcile created (or is still creating) is adopted, never created twice; the files are placed
 * whenever the instance has not run yet; a start already done is not repeated. Every operation is awaited
 * through the event stream. Returns the state after the start.
 */
export async function ensureInstanceRunning(ops: InstanceOperations, plan: InstancePlan): Promise<InstanceState> {
  const name = plan.request.name;
  await waitForCreation(ops, name);
  let state = await instanceState(ops, name);
  if (!state) {
    await createInstance(ops, plan);
    state = await instanceState(ops, name);
    if (!state) throw new Error(`instance ${name} was created but cannot be found`);
  }
  if (state.status === 'Running') return state;
  await placeFiles(ops, plan);
  await startInstance(ops, name);
  return (await instanceState(ops, name)) ?? state;
}

/** Force-stops (when running) and deletes an instance; returns once it is gone (already gone is fine). */
export async function ensureInstanceDeleted(ops: InstanceOperations, name: string): Promise<void> {
  await waitForCreation(ops, name);
  const state = await instanceState(ops, name);
  if (!state) return;
  const { client } = ops;
  if (state.pid !== 0) {
    const stop = await client.instances.updateState(name, { action: 'stop', force: true }, { wait: false });
    await ops.hub.waitForOperation(client, stop, OPERATION_TIMEOUTS_MS.stop);
  }
  try {
    const deletion = await client.instances.delete(name, { wait: false });
    await ops.hub.waitForOperation(client, deletion, OPERATION_TIMEOUTS_MS.delete);
  } catch (error) {
    if (!isIncusNotFound(error)) throw error;
  }
}

/** Waits for a create operation of `name` still running on the server (e.g. started before a crash). */
async function waitForCreation(ops: InstanceOperations, name: string): Promise<void> {
  const { client } = ops;
  const path = instancePath(name);
  const operations = await client.operations.list();
  const creating = operations.find(
    (op) =>
      !isFinalOperation(op) &&
      op.class === 'task' &&
      op.description === 'Creating instance' &&
      (op.resources?.instances ?? []).some((resource) => resource.split('?')[0] === path),
  );
  if (creating) await ops.hub.waitForOperation(client, creating, OPERATION_TIMEOUTS_MS.create);
}

async function createInstance(ops: InstanceOperations, plan: InstancePlan): Promise<void> {
  const { client } = ops;
  let op: Operation;
  try {
    op = await client.instances.create(plan.request, { target: plan.target, wait: false });
  } catch (error) {
    // Created by a concurrent or earlier attempt: adopt it.
    if (error instanceof IncusConflictError) return;
    throw error;
  }
  await ops.hub.waitForOperation(client, op, OPERATION_TIMEOUTS_MS.create);
}

async function startInstance(ops: InstanceOperations, name: string): Promise<void> {
  const { client } = ops;
  const op = await client.instances.updateState(name, { action: 'start' }, { wait: false });
  await ops.hub.waitForOperation(client, op, OPERATION_TIMEOUTS_MS.start);
}

/**
 * Installs the plan's instance templates (rendered by Incus at the first start), files and replacements.
 * Everything overwrites, so repeating it after an interruption is harmless.
 */
async function placeFiles(ops: InstanceOperations, plan: InstancePlan): Promise<void> {
  const { client } = ops;
  const name = plan.request.name;
  const templatePaths = Object.keys(plan.templates);
  if (templatePaths.length > 0) {
    const metadata = await client.instances.getMetadata(name);
    const templates: Record<string, ImageMetadataTemplate> = { ...metadata.templates };
    for (const path of templatePaths) {
      const template = templateFileName(path);
      await client.instances.createTemplateFile(name, template, plan.templates[path] ?? '');
      templates[path] = { when: ['create'], create_only: true, template, properties: {} };
    }
    await client.instances.updateMetadata(name, { ...metadata, templates });
  }
  for (const file of plan.files) {
    await client.files.push(name, file.path, file.content, { type: file.type, mode: file.mode });
  }
  for (const replacement of plan.replacements) {
    let current: Awaited<ReturnType<typeof client.files.pull>>;
    try {
      current = await client.files.pull(name, replacement.path);
    } catch (error) {
      if (isIncusNotFound(error)) continue;
      throw error;
    }
    const text = current.content.toString('utf8');
    const replaced = text.replaceAll(replacement.search, replacement.replace);
    if (replaced === text) continue;
    await client.files.push(name, replacement.path, replaced, {
      uid: current.uid,
      gid: current.gid,
      mode: current.mode,
    });
  }
}

/** The template file name of an instance path: the whole path, so two files with one basename never collide. */
export function templateFileName(path: string): string {
  return `capn${path.replaceAll('/', '_')}.tpl`;
}
