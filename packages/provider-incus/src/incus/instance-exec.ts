import { IncusExecError } from './errors.js';
import { instancePath } from './instances.js';
import type { OperationsApi, WaitOptions } from './operations.js';
import type { IncusRequest, IncusTransport } from './transport.js';

/** A command to run inside an instance. */
export interface ExecOptions extends WaitOptions {
  environment?: Record<string, string>;
  cwd?: string;
  user?: number;
  group?: number;
  /** Throw {@link IncusExecError} on a non-zero exit code (CAPN's semantics). Default false. */
  check?: boolean;
}

/** Outcome of a command. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * `POST /1.0/instances/<name>/exec` with `record-output`: runs a non-interactive command (stdin is
 * empty), waits for it, then reads and removes the recorded stdout/stderr logs.
 */
export class InstanceExecApi {
  constructor(
    private readonly transport: IncusTransport,
    private readonly operations: OperationsApi,
  ) {}

  /** Runs `command` in `instance` and returns its exit code and output. */
  async run(instance: string, command: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const started = await this.transport.async({
      method: 'POST',
      path: `${instancePath(instance)}/exec`,
      body: {
        command,
        environment: options.environment ?? {},
        cwd: options.cwd ?? '',
        user: options.user ?? 0,
        group: options.group ?? 0,
        interactive: false,
        'wait-for-websocket': false,
        'record-output': true,
      },
      signal: options.signal,
    });
    const done = await this.operations.wait(started.id, options);
    const metadata = (done.metadata ?? {}) as { return?: number; output?: Record<string, string> };
    const [stdout, stderr] = await Promise.all([
      this.takeLog(metadata.output?.['1'], options.signal),
      this.takeLog(metadata.output?.['2'], options.signal),
    ]);
    const result = { exitCode: metadata.return ?? -1, stdout, stderr };
    if (options.check && result.exitCode !== 0) {
      throw new IncusExecError(command, result.exitCode, result.stdout, result.stderr);
    }
    return result;
  }

  /** Reads a recorded output log, then deletes it from the instance's log directory. */
  private async takeLog(logPath: string | undefined, signal?: AbortSignal): Promise<string> {
    if (logPath === undefined) return '';
    const url = new URL(logPath, 'http://incus');
    const query = Object.fromEntries(url.searchParams);
    const read: IncusRequest = { method: 'GET', path: url.pathname, query, withoutProject: 'project' in query, signal };
    const response = await this.transport.raw(read);
    this.transport.checkRaw(response, read);
    const remove: IncusRequest = { ...read, method: 'DELETE' };
    this.transport.checkRaw(await this.transport.raw(remove), remove);
    return response.body.toString('utf8');
  }
}
