import type {
  Instance,
  InstanceFull,
  InstanceMetadata,
  InstancePut,
  InstanceState,
  InstanceStatePut,
  InstancesPost,
} from './api/instance.js';
import type { Operation } from './api/operation.js';
import type { OperationOptions, OperationsApi } from './operations.js';
import { type IncusTransport, segment } from './transport.js';

/** Options of instance creation. */
export interface CreateInstanceOptions extends OperationOptions {
  /** Cluster member or `@group` to place the instance on (clustered servers only). */
  target?: string;
}

/** Options of a stop. */
export interface StopInstanceOptions extends OperationOptions {
  force?: boolean;
  /** Seconds to wait for a clean shutdown (the daemon's `timeout`). */
  shutdownTimeout?: number;
}

/** `/1.0/instances`: system containers and virtual machines. */
export class InstancesApi {
  constructor(
    private readonly transport: IncusTransport,
    private readonly operations: OperationsApi,
  ) {}

  /** `GET /1.0/instances?recursion=1`. */
  list(signal?: AbortSignal): Promise<Instance[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/instances', query: { recursion: 1 }, signal });
  }

  /** `GET /1.0/instances?recursion=2`: instances with their state (addresses, pid). */
  listFull(signal?: AbortSignal): Promise<InstanceFull[]> {
    return this.transport.sync({ method: 'GET', path: '/1.0/instances', query: { recursion: 2 }, signal });
  }

  /** `GET /1.0/instances/<name>`. */
  get(name: string, signal?: AbortSignal): Promise<Instance> {
    return this.transport.sync({ method: 'GET', path: instancePath(name), signal });
  }

  /** `POST /1.0/instances`: creates (and, with `start: true`, starts) an instance. */
  async create(instance: InstancesPost, options: CreateInstanceOptions = {}): Promise<Operation> {
    const op = await this.transport.async({
      method: 'POST',
      path: '/1.0/instances',
      query: { target: options.target || undefined },
      body: instance,
      signal: options.signal,
    });
    return this.operations.settle(op, options);
  }

  /** `PUT /1.0/instances/<name>`: replaces config, devices and profiles. */
  async update(name: string, instance: InstancePut, options: OperationOptions = {}): Promise<Operation> {
    const op = await this.transport.async({
      method: 'PUT',
      path: instancePath(name),
      body: instance,
      signal: options.signal,
    });
    return this.operations.settle(op, options);
  }

  /** `DELETE /1.0/instances/<name>` (the instance must be stopped). */
  async delete(name: string, options: OperationOptions = {}): Promise<Operation> {
    const op = await this.transport.async({ method: 'DELETE', path: instancePath(name), signal: options.signal });
    return this.operations.settle(op, options);
  }

  /** `GET /1.0/instances/<name>/state`. */
  getState(name: string, signal?: AbortSignal): Promise<InstanceState> {
    return this.transport.sync({ method: 'GET', path: `${instancePath(name)}/state`, signal });
  }

  /** `PUT /1.0/instances/<name>/state`: start, stop, restart, freeze or unfreeze. */
  async updateState(name: string, state: InstanceStatePut, options: OperationOptions = {}): Promise<Operation> {
    const op = await this.transport.async({
      method: 'PUT',
      path: `${instancePath(name)}/state`,
      body: state,
      signal: options.signal,
    });
    return this.operations.settle(op, options);
  }

  /** Starts a stopped instance. */
  start(name: string, options: OperationOptions = {}): Promise<Operation> {
    return this.updateState(name, { action: 'start' }, options);
  }

  /** Stops a running instance (forcefully with `force`). */
  stop(name: string, options: StopInstanceOptions = {}): Promise<Operation> {
    return this.updateState(
      name,
      { action: 'stop', force: options.force ?? false, timeout: options.shutdownTimeout ?? -1 },
      options,
    );
  }

  /** `GET /1.0/instances/<name>/metadata`: image metadata and file templates. */
  getMetadata(name: string, signal?: AbortSignal): Promise<InstanceMetadata> {
    return this.transport.sync({ method: 'GET', path: `${instancePath(name)}/metadata`, signal });
  }

  /** `PUT /1.0/instances/<name>/metadata`. */
  async updateMetadata(name: string, metadata: InstanceMetadata, signal?: AbortSignal): Promise<void> {
    await this.transport.sync({ method: 'PUT', path: `${instancePath(name)}/metadata`, body: metadata, signal });
  }

  /** `POST /1.0/instances/<name>/metadata/templates?path=<template>`: uploads a template file. */
  async createTemplateFile(
    name: string,
    template: string,
    content: string | Buffer,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.sync({
      method: 'POST',
      path: `${instancePath(name)}/metadata/templates`,
      query: { path: template },
      body: Buffer.from(content),
      signal,
    });
  }
}

/** API path of an instance. */
export function instancePath(name: string): string {
  return `/1.0/instances/${segment(name)}`;
}
