import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A program the harness runs in place of a Deployment's pod; its output goes to a log file. */
export class LocalProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    program: string,
    readonly args: readonly string[],
    readonly logFile: string,
    env: NodeJS.ProcessEnv,
  ) {
    const log = openSync(logFile, 'a');
    this.child = spawn(program, [...args], { stdio: ['ignore', log, log], env });
    running.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => {
        running.delete(this.child);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** It has not exited. */
  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last `lines` lines of its log, for failure messages. */
  logTail(lines = 40): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  /** SIGKILL, as `kill -9`; resolves once it exited. */
  async kill(): Promise<void> {
    if (!this.isRunning) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.isRunning) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
