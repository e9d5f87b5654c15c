import { parseArgs } from 'node:util';

/** Command-line options of the benchmark run. */
export interface BenchOptions {
  /** How many objects to create and cache. Default 5000. */
  objects: number;
  /** How many sequential updates the latency benchmark times. Default 300. */
  updates: number;
  /** Length of the steady-state write window. Default 60. */
  steadySeconds: number;
  /** Workers of the parallel throughput run. Default 8. */
  concurrency: number;
}

const USAGE =
  'usage: pnpm bench [--objects N] [--updates N] [--steady-seconds N] [--concurrency N]\n' +
  '  defaults: --objects 5000 --updates 300 --steady-seconds 60 --concurrency 8';

/** Parses the arguments; throws with the usage text on anything unknown or not a positive integer. */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      objects: { type: 'string', default: '5000' },
      updates: { type: 'string', default: '300' },
      'steady-seconds': { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '8' },
    },
    strict: true,
    allowPositionals: false,
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer\n${USAGE}`);
    return value;
  };
  return {
    objects: positive('objects', values.objects),
    updates: positive('updates', values.updates),
    steadySeconds: positive('steady-seconds', values['steady-seconds']),
    concurrency: positive('concurrency', values.concurrency),
  };
}
