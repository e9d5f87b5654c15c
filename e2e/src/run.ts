import { execFile } from 'node:child_process';

/** What a finished command printed. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited with a non-zero status; the message carries its output. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: CommandOutput,
  ) {
    super(`${command} exited with ${exitCode}:\n${output.stderr || output.stdout}`);
  }
}

/** Runs a program to completion; rejects with a {@link CommandError} when it fails. */
export function run(
  program: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const code = typeof error.code === 'number' ? error.code : null;
        reject(new CommandError([program, ...args].join(' '), code, { stdout, stderr }));
      },
    );
  });
}
