/**
 * zlib's deflateSync, byte for byte, without its set-up on every call. A batch of 71 letters
 * deflates some 900 streams (page contents, font subsets, ToUnicode maps), most of them small;
 * each deflateSync builds a stream object and a fresh zlib state of some 300 kB, which was
 * about 40% of deflating (measured in a cold process: 650 ms of CPU against 420 ms for the same
 * buffers through one reused state).
 *
 * One native deflate state is kept and reset between inputs. A reset state is not a fresh one:
 * zlib leaves the sliding window as the last input left it, and its matcher reads a few bytes
 * past the data, so the output could depend on what was deflated before (it did, for 4 buffers
 * in 879). A fresh state's window is all zeros, so after each input the bytes it wrote are
 * zeroed again by deflating as many zeros. Tested against deflateSync on thousands of buffers of
 * every size and kind; where Node's zlib does not have the internals used here, deflateSync is
 * called as before.
 */
import { constants, Deflate, deflateSync } from 'node:zlib';

/** The native handle of a zlib stream and the two numbers writeSync leaves (Node 12 to 24). */
interface NativeDeflate {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
}

interface Engine {
  handle: NativeDeflate;
  /** [bytes of output space left, bytes of input left] after writeSync. */
  state: Uint32Array;
  failed: Error | null;
}

/** zlib's window (twice 32 kB) and more: an input this long has written all of it. */
const WINDOW_SPAN = 2 * 32 * 1024 + 4096;
/** A margin past the input's end (zlib zeroes 258 bytes past the data itself). */
const READ_PAST = 1024;

let engine: Engine | null | undefined;
let zeros: Buffer | undefined;
let scratch = Buffer.alloc(0);
const zeroOut = Buffer.alloc(4096);

function openEngine(): Engine | null {
  try {
    const stream = new Deflate() as unknown as { _handle?: NativeDeflate; _writeState?: unknown; on(e: 'error', f: (e: Error) => void): void };
    const handle = stream._handle;
    const state = stream._writeState;
    if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return null;
    const e: Engine = { handle, state, failed: null };
    stream.on('error', (err) => (e.failed = err));
    return e;
  } catch {
    return null;
  }
}

/** Runs one whole input through the state; false if it did not finish in the space given. */
function run(e: Engine, input: Uint8Array, length: number, out: Uint8Array): number | null {
  e.handle.writeSync(constants.Z_FINISH, input, 0, length, out, 0, out.length);
  const [outLeft, inLeft] = [e.state[0]!, e.state[1]!];
  e.handle.reset();
  if (e.failed || inLeft !== 0 || outLeft === 0) return null;
  return out.length - outLeft;
}

/**
 * Leaves the window as a fresh state's: zeros wherever `length` bytes of input were written. An
 * input shorter than the window lies at its start; a longer one has slid through all of it.
 */
function clearWindow(e: Engine, length: number): boolean {
  zeros ??= Buffer.alloc(WINDOW_SPAN);
  return run(e, zeros, Math.min(WINDOW_SPAN, length + READ_PAST), zeroOut) !== null;
}

/** The bytes `deflateSync(input)` gives. */
export function deflateLikeSync(input: Uint8Array): Buffer {
  if (engine === undefined) engine = openEngine();
  const e = engine;
  if (!e) return deflateSync(input);
  // zlib's deflateBound for these settings is below this.
  const bound = input.length + (input.length >>> 10) + 64;
  if (scratch.length < bound) scratch = Buffer.allocUnsafe(Math.max(bound, 64 * 1024));
  const used = run(e, input, input.length, scratch);
  if (used === null || !clearWindow(e, input.length)) {
    engine = null;
    return deflateSync(input);
  }
  return Buffer.from(scratch.subarray(0, used));
}
