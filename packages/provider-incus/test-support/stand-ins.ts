import type { IncusClient } from '../src/incus/client.js';
import { isIncusNotFound } from '../src/incus/errors.js';
import type { ExtraFile } from './image.js';

/** Where recording stand-ins append their calls unless told otherwise. */
export const defaultStandInLog = '/var/log/capi-ts-stand-ins.jsonl';

/** A recording stand-in for a command such as `snap`, `microk8s` or `kubeadm`. */
export interface StandInOptions {
  /** Command name as callers type it. */
  name: string;
  /** Install path; default `/usr/local/bin/<name>` (ahead of /usr/bin on the default PATH). */
  path?: string;
  /** JSON-lines log the call is appended to; default {@link defaultStandInLog}. */
  log?: string;
  /** Printed on stdout by every call. */
  stdout?: string;
  /** Exit code of every call; default 0. */
  exitCode?: number;
}

/** One recorded call. */
export interface StandInCall {
  /** The stand-in's name. */
  command: string;
  /** Arguments after the command name. */
  args: string[];
  cwd: string;
  /** Unix time in seconds. */
  time: number;
}

/**
 * An executable file for {@link ensureCloudImage}'s `extraFiles` that records each call (name,
 * arguments, working directory) as one JSON line and succeeds without doing anything else.
 */
export function recordingStandIn(options: StandInOptions): ExtraFile {
  const script = `#!/usr/bin/python3
# Recording stand-in for ${options.name} (capi-ts test support): logs the call, does nothing else.
import json, os, sys, time
with open(${JSON.stringify(options.log ?? defaultStandInLog)}, "a") as log:
    log.write(json.dumps({"command": ${JSON.stringify(options.name)}, "args": sys.argv[1:], "cwd": os.getcwd(), "time": time.time()}) + "\\n")
sys.stdout.write(${JSON.stringify(options.stdout ?? '')})
sys.exit(${options.exitCode ?? 0})
`;
  return { path: options.path ?? `/usr/local/bin/${options.name}`, content: script, mode: 0o755 };
}

/** The calls recorded so far in an instance (empty when nothing was called). */
export async function readStandInCalls(
  client: IncusClient,
  instance: string,
  log = defaultStandInLog,
): Promise<StandInCall[]> {
  try {
    const file = await client.files.pull(instance, log);
    return file.content
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as StandInCall);
  } catch (error) {
    if (isIncusNotFound(error)) return [];
    throw error;
  }
}
