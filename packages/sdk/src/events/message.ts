/** The longest message an Event carries, as client-go's recorder (longer ones are truncated). */
export const MAX_EVENT_MESSAGE_LENGTH = 1024;

/** The message cut to {@link MAX_EVENT_MESSAGE_LENGTH} characters, ending in `...` when it was cut. */
export function truncateEventMessage(message: string): string {
  if (message.length <= MAX_EVENT_MESSAGE_LENGTH) return message;
  return `${message.slice(0, MAX_EVENT_MESSAGE_LENGTH - 3)}...`;
}
