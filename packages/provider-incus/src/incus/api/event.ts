/** Event kinds served by `/1.0/events`. */
export type EventType = 'lifecycle' | 'logging' | 'operation';

/** One message from the `/1.0/events` stream. */
export interface IncusEvent {
  type: EventType | string;
  timestamp: string;
  metadata: unknown;
  location?: string;
  project?: string;
}

/** `metadata` of a `lifecycle` event, e.g. `{ action: 'instance-started', source: '/1.0/instances/c1' }`. */
export interface LifecycleEventMetadata {
  action: string;
  source: string;
  context?: Record<string, unknown>;
  requestor?: { username: string; protocol: string; address?: string };
}

/** Narrows an event to a lifecycle event. */
export function isLifecycleEvent(
  event: IncusEvent,
): event is IncusEvent & { type: 'lifecycle'; metadata: LifecycleEventMetadata } {
  return event.type === 'lifecycle' && typeof event.metadata === 'object' && event.metadata !== null;
}
