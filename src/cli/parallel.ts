// Large runs use every core: worker threads started from this same bundle (index.ts hands them to
// runWorker), which claim files in batches from a shared counter while the main thread does too.
// run() stays synchronous: the main thread waits for a worker's result with Atomics.wait and takes
// it with receiveMessageOnPort, so no event loop is needed.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Below this many files a run is quick enough that starting a worker thread does not pay. */
export const PARALLEL_MIN_FILES = 2000;
/** Files claimed at once: few enough to share the tail of the run evenly. */
const BATCH = 16;
/**
 * A worker that finishes no file for this long is given up on, and the main thread does its files
 * (one file takes at most about a second, even a hostile one).
 */
const STALL_MS = 15_000;

/** What a worker is started with (its workerData). */
export interface WorkerJob<Setup> {
  role: typeof WORKER_ROLE;
  files: string[];
  setup: Setup;
  /** [next file to claim, files done by the workers, then per worker: result posted (0/1), files done, started (0/1)]. */
  state: Int32Array;
  slot: number;
  port: MessagePort;
}

export const WORKER_ROLE = 'product-docs-analysis';

const NEXT = 0;
const DONE = 1;
const posted = (slot: number) => 2 + 3 * slot;
const doneBy = (slot: number) => 3 + 3 * slot;
const started = (slot: number) => 4 + 3 * slot;

/** Cores needed before worker threads are used by default (PRODUCT_DOCS_THREADS overrides). */
const MIN_CORES = 4;
const MAX_THREADS = 8;

/**
 * How many threads in all (main included) a run of `files` files uses: PRODUCT_DOCS_THREADS when
 * set, else every core from MIN_CORES up. On 2 cores one thread is as fast: V8's garbage
 * collector and compiler threads already keep the second core busy, and a worker only competes
 * with them (measured: same wall time, 1.5 times the CPU; docs/performance.md).
 */
export function threadsFor(files: number, env: NodeJS.ProcessEnv = process.env): number {
  if (files < PARALLEL_MIN_FILES) return 1;
  const wanted = Number(env['PRODUCT_DOCS_THREADS']);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, MAX_THREADS);
  const cores = availableParallelism();
  return cores >= MIN_CORES ? Math.min(cores, MAX_THREADS) : 1;
}

/**
 * `analyse(i)` for every file index, on the main thread and in `threads - 1` workers running
 * `script`; the results in file order. `setup` (structured-cloneable) lets a worker build what
 * `analyse` needs. A worker that cannot start or fails leaves its files to the main thread, so the
 * results are the same whatever happens to the workers. `onProgress` gets the count done so far.
 */
export function analyseInParallel<Setup, Outcome>(options: {
  files: string[];
  threads: number;
  script: string;
  setup: Setup;
  analyse: (index: number) => Outcome;
  onProgress?: (done: number) => void;
}): Outcome[] {
  const { files, threads, script, setup, analyse, onProgress } = options;
  const outcomes: (Outcome | undefined)[] = new Array(files.length);
  const state = new Int32Array(new SharedArrayBuffer(4 * (2 + 3 * threads)));
  const workers: { worker: Worker; port: MessagePort; slot: number }[] = [];
  for (let slot = 0; slot < threads - 1; slot++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const job: WorkerJob<Setup> = { role: WORKER_ROLE, files, setup, state, slot, port: port2 };
      const worker = new Worker(script, { workerData: job, transferList: [port2] });
      // A worker that fails (its script missing, say) leaves its files to the main thread: its
      // error event, emitted once run() is over, must not end the process.
      worker.on('error', () => {});
      worker.unref();
      workers.push({ worker, port: port1, slot });
    } catch {
      break; // no worker: the main thread does it all
    }
  }
  let doneHere = 0;
  for (let [from, to] = claim(state, files.length); from < to; [from, to] = claim(state, files.length)) {
    for (let i = from; i < to; i++) {
      outcomes[i] = analyse(i);
      doneHere++;
    }
    onProgress?.(doneHere + Atomics.load(state, DONE));
  }
  for (const { worker, port, slot } of workers) {
    // A worker that had not started when every file was claimed has none: no need to wait for it
    // (nor to hang if it never starts).
    const result = Atomics.load(state, started(slot)) === 1 ? awaitResult<Outcome>(state, slot, port) : undefined;
    if (result) for (const [i, outcome] of result) outcomes[i] = outcome;
    port.close();
    void worker.terminate();
  }
  // Files a failed worker had claimed and not reported.
  for (let i = 0; i < files.length; i++) if (outcomes[i] === undefined) outcomes[i] = analyse(i);
  return outcomes as Outcome[];
}

function claim(state: Int32Array, total: number): [number, number] {
  const from = Math.min(Atomics.add(state, NEXT, BATCH), total);
  return [from, Math.min(from + BATCH, total)];
}

/** Blocks until the worker in `slot` posts its results; undefined if it failed or stalled. */
function awaitResult<Outcome>(state: Int32Array, slot: number, port: MessagePort): [number, Outcome][] | undefined {
  let lastDone = Atomics.load(state, doneBy(slot));
  let lastProgress = Date.now();
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) return (received.message as { outcomes?: [number, Outcome][] }).outcomes;
    // Posted and yet no message (it could not be sent): nothing will come.
    if (Atomics.load(state, posted(slot)) === 1) return (receiveMessageOnPort(port)?.message as { outcomes?: [number, Outcome][] } | undefined)?.outcomes;
    Atomics.wait(state, posted(slot), 0, 200);
    const done = Atomics.load(state, doneBy(slot));
    if (done !== lastDone) {
      lastDone = done;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) return undefined;
  }
}

/** The worker's side: claims and analyses files until none are left, then posts the outcomes. */
export function runWorker<Setup, Outcome>(job: WorkerJob<Setup>, prepare: (setup: Setup, files: string[]) => (index: number) => Outcome): void {
  const { files, state, slot, port } = job;
  const outcomes: [number, Outcome][] = [];
  Atomics.store(state, started(slot), 1); // before the first claim: see analyseInParallel
  try {
    const analyse = prepare(job.setup, files);
    for (let [from, to] = claim(state, files.length); from < to; [from, to] = claim(state, files.length)) {
      for (let i = from; i < to; i++) {
        outcomes.push([i, analyse(i)]);
        Atomics.add(state, DONE, 1);
        Atomics.add(state, doneBy(slot), 1);
      }
    }
    port.postMessage({ outcomes });
  } catch {
    // The files this worker claimed have no outcome: the main thread analyses them again.
    port.postMessage({ outcomes });
  } finally {
    Atomics.store(state, posted(slot), 1);
    Atomics.notify(state, posted(slot));
    port.close();
  }
}
