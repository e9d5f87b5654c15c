import { builtin, type KubeEvent } from '../client/builtin.js';
import { ApiError, isNotFound } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import type { Logger } from '../log/logger.js';
import { EventCorrelator, type EventCorrelatorOptions } from './correlation.js';
import { EventNamer } from './event-name.js';
import { truncateEventMessage } from './message.js';

/** The `type` of a core/v1 Event. */
export type EventType = 'Normal' | 'Warning';

/** What an {@link EventRecorder} needs. */
export interface EventRecorderOptions extends EventCorrelatorOptions {
  /** Writes the Events (a manager's client). */
  client: Pick<KubeClient, 'create' | 'mergePatch'>;
  /** `source.component` and `reportingComponent` of the Events, e.g. `openstack-controller`. */
  component: string;
  /** Where failed writes are reported (never with the event's message). */
  logger: Logger;
  /** The clock, in ms since the epoch. */
  now?: () => number;
}

/** The events about one object (see {@link EventRecorder.forObject}). */
export interface ObjectEventRecorder {
  event(type: EventType, reason: string, message: string): void;
  normal(reason: string, message: string): void;
  warning(reason: string, message: string): void;
}

/** The object an Event is about, as `involvedObject` names it. */
interface InvolvedObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/** A cluster-scoped object's Events live in `default`, as client-go's. */
const CLUSTER_SCOPED_EVENT_NAMESPACE = 'default';

/** RFC 3339 in whole seconds, the precision of an Event's timestamps. */
const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Records core/v1 Events about objects, as client-go's `record.EventRecorder` that controller-runtime gives every
 * controller (`mgr.GetEventRecorderFor(name)`): `involvedObject` with the object's apiVersion, kind, name,
 * namespace, uid and resourceVersion; `source.component`; names `<object>.<16 hex digits>`; messages cut to 1024
 * characters. An event identical to one written within the last 10 minutes (same object, type, reason and
 * message) increments that Event's `count` and `lastTimestamp` (a PATCH) instead of creating another.
 *
 * Recording is fire and forget: the methods return at once, never throw, and a write that fails is logged (with
 * its reason and object, never its message) and dropped. Writes of identical events are ordered; {@link flush}
 * waits for the writes started so far.
 */
export class EventRecorder {
  readonly component: string;
  private readonly client: EventRecorderOptions['client'];
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly correlator: EventCorrelator;
  private readonly namer: EventNamer;
  /** The last write of each event key, which the next identical event waits for. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: EventRecorderOptions) {
    this.component = options.component;
    this.client = options.client;
    this.logger = options.logger.child({ component: 'event-recorder', eventSource: options.component });
    this.now = options.now ?? Date.now;
    this.correlator = new EventCorrelator(options);
    this.namer = new EventNamer(this.now);
  }

  /** Records a `Normal` event about the object. */
  normal(object: Readonly<KubeObject>, reason: string, message: string): void {
    this.event(object, 'Normal', reason, message);
  }

  /** Records a `Warning` event about the object. */
  warning(object: Readonly<KubeObject>, reason: string, message: string): void {
    this.event(object, 'Warning', reason, message);
  }

  /** Records an event about the object (client-go's `Event(object, eventtype, reason, message)`). */
  event(object: Readonly<KubeObject>, type: EventType, reason: string, message: string): void {
    const involved = involvedObjectOf(object);
    if (involved === undefined) {
      this.logger.warn({ reason }, 'cannot record an event about an object without apiVersion, kind and name');
      return;
    }
    const text = truncateEventMessage(message);
    const key = JSON.stringify([involved.apiVersion, involved.kind, involved.namespace, involved.name, involved.uid]);
    const eventKey = JSON.stringify([key, type, reason, text]);
    const atMs = this.now();
    const previous = this.chains.get(eventKey) ?? Promise.resolve();
    const write = previous
      .then(() => this.write(eventKey, involved, type, reason, text, atMs))
      .catch((error: unknown) => this.reportFailure(involved, reason, error));
    this.chains.set(eventKey, write);
    this.inFlight.add(write);
    void write.finally(() => {
      this.inFlight.delete(write);
      if (this.chains.get(eventKey) === write) this.chains.delete(eventKey);
    });
  }

  /** The events about one object, without naming it each time. */
  forObject(object: Readonly<KubeObject>): ObjectEventRecorder {
    return {
      event: (type, reason, message) => this.event(object, type, reason, message),
      normal: (reason, message) => this.event(object, 'Normal', reason, message),
      warning: (reason, message) => this.event(object, 'Warning', reason, message),
    };
  }

  /** Resolves once every event recorded so far has been written (or its failure logged). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async write(
    eventKey: string,
    involved: InvolvedObject,
    type: EventType,
    reason: string,
    message: string,
    atMs: number,
  ): Promise<void> {
    const at = timestamp(atMs);
    const prior = this.correlator.lookup(eventKey, atMs);
    if (prior !== undefined) {
      try {
        await this.client.mergePatch(
          builtin.event,
          { namespace: prior.namespace, name: prior.name },
          { count: prior.count + 1, lastTimestamp: at },
        );
        this.correlator.remember(eventKey, { ...prior, count: prior.count + 1, lastSeenMs: atMs });
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        this.correlator.forget(eventKey);
      }
    }
    const namespace = involved.namespace || CLUSTER_SCOPED_EVENT_NAMESPACE;
    const name = this.namer.next(involved.name);
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace, name },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component: this.component },
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
      reportingComponent: this.component,
      reportingInstance: '',
    };
    await this.client.create(builtin.event, event);
    this.correlator.remember(eventKey, { namespace, name, count: 1, firstTimestamp: at, lastSeenMs: atMs });
  }

  private reportFailure(involved: InvolvedObject, reason: string, error: unknown): void {
    const cause =
      error instanceof ApiError ? { code: error.code, status: error.reason } : { error: String(error).slice(0, 200) };
    this.logger.warn(
      { reason, kind: involved.kind, object: `${involved.namespace ?? ''}/${involved.name}`, ...cause },
      'could not record an event',
    );
  }
}

function involvedObjectOf(object: Readonly<KubeObject>): InvolvedObject | undefined {
  const { apiVersion, kind } = object;
  const { name, namespace, uid, resourceVersion } = object.metadata;
  if (!apiVersion || !kind || !name) return undefined;
  return {
    apiVersion,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    ...(uid ? { uid } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
}
