export { BucketRateLimiter } from './bucket-rate-limiter.js';
export { type Clock, systemClock } from './clock.js';
export { defaultControllerRateLimiter } from './default-rate-limiter.js';
export { ExponentialFailureRateLimiter } from './exponential-rate-limiter.js';
export { noQueueMetrics, type QueueMetrics } from './queue-metrics.js';
export { MaxOfRateLimiter, type RateLimiter } from './rate-limiter.js';
export { type AddOptions, QueuePriority, type WorkItem, WorkQueue, type WorkQueueOptions } from './work-queue.js';
