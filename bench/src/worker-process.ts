// One worker process, seen from the runner: started once, asked one workload at a time.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseLine, type Reply, type Workload } from './protocol.js';

/** How to start a worker. */
export interface WorkerCommand {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** A started worker, or the reason it could not start. */
export class WorkerProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private waiting = new Map<number, (r: Reply) => void>();
  private stderrTail: string[] = [];
  private exited: string | null = null;
  /** The worker's hello info once it is ready. */
  info: Record<string, unknown> = {};

  constructor(
    readonly id: string,
    private readonly cmd: WorkerCommand,
    /** Lines the worker printed that are not protocol (library banners), for --verbose. */
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Starts the worker and waits for its hello; rejects with the reason when it cannot start. */
  start(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.cmd.command, this.cmd.args, {
        env: this.cmd.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.child = child;
      const timer = setTimeout(() => {
        reject(new Error(`no answer in ${timeoutMs / 1000} s`));
        this.kill();
      }, timeoutMs);
      let ready = false;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const msg = parseLine(line);
        if (msg === null) {
          this.log(`${this.id}: ${line}`);
          return;
        }
        if (msg.ready === true) {
          ready = true;
          this.info = (msg.info as Record<string, unknown>) ?? {};
          clearTimeout(timer);
          resolve();
          return;
        }
        const reply = msg as unknown as Reply;
        const done = this.waiting.get(reply.id);
        if (done) {
          this.waiting.delete(reply.id);
          done(reply);
        }
      });
      createInterface({ input: child.stderr! }).on('line', (line) => {
        this.stderrTail.push(line);
        if (this.stderrTail.length > 20) this.stderrTail.shift();
        this.log(`${this.id} (stderr): ${line}`);
      });
      child.on('error', (err) => {
        this.exited = err.message;
        clearTimeout(timer);
        reject(err);
      });
      child.on('exit', (code, signal) => {
        this.exited = `exited with ${signal ?? `code ${code}`}${this.lastError()}`;
        clearTimeout(timer);
        if (!ready) reject(new Error(this.exited));
        for (const [id, done] of this.waiting) done({ id, error: this.exited });
        this.waiting.clear();
      });
    });
  }

  /** The last meaningful stderr line, as `: line`, or ''. */
  private lastError(): string {
    const lines = this.stderrTail.filter((l) => /error/i.test(l));
    const last = lines[lines.length - 1] ?? this.stderrTail[this.stderrTail.length - 1];
    return last ? `: ${last.trim().slice(0, 300)}` : '';
  }

  /** Measures one workload; resolves with the worker's reply (an error reply when it failed). */
  run(workload: Workload, timeoutMs: number): Promise<Reply> {
    const id = this.nextId++;
    if (this.exited !== null || this.child === null) {
      return Promise.resolve({ id, error: this.exited ?? 'not started' });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve({ id, error: `timed out after ${timeoutMs / 1000} s` });
        this.kill(); // it may be stuck: the rest of its rows are skipped
      }, timeoutMs);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.child!.stdin!.write(JSON.stringify({ id, workload }) + '\n');
    });
  }

  /** True while the worker can take work. */
  get alive(): boolean {
    return this.child !== null && this.exited === null;
  }

  /** Asks the worker to quit (it exits when stdin closes too). */
  stop(): void {
    if (this.child && this.exited === null) {
      this.child.stdin!.write(JSON.stringify({ id: 0, quit: true }) + '\n');
      this.child.stdin!.end();
    }
  }

  /** Ends the worker now. */
  kill(): void {
    if (this.child && this.exited === null) this.child.kill('SIGKILL');
  }
}
