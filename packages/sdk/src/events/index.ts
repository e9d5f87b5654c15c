export { type CorrelatedEvent, EventCorrelator, type EventCorrelatorOptions } from './correlation.js';
export { EventNamer } from './event-name.js';
export { MAX_EVENT_MESSAGE_LENGTH, truncateEventMessage } from './message.js';
export {
  EventRecorder,
  type EventRecorderOptions,
  type EventType,
  type ObjectEventRecorder,
} from './recorder.js';
