/**
 * How reading threads share out a file's blocks without messages: a shared counter hands out
 * the next block index, and the lowest block that stopped (a time-ordered file past the window)
 * lets threads skip the blocks after it, which the merge would drop anyway.
 */

const NEXT = 0;
const FIRST_STOPPED = 1;
/** Past any block index, with room for the increments of the threads still claiming. */
const NONE = 0x40000000;

export function createClaims(): Int32Array {
  const claims = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  claims[FIRST_STOPPED] = NONE;
  return claims;
}

/** No block is handed out any more. */
export function abandonClaims(claims: Int32Array): void {
  Atomics.store(claims, NEXT, NONE);
}

function noteStopped(claims: Int32Array, index: number): void {
  for (let seen = Atomics.load(claims, FIRST_STOPPED); index < seen; ) {
    const previous = Atomics.compareExchange(claims, FIRST_STOPPED, seen, index);
    if (previous === seen) return;
    seen = previous;
  }
}

/**
 * Claims blocks until none is left: `read` digests one and says whether it stopped; `skip` is
 * told of a block after a stopped one, left unread.
 */
export async function claimBlocks(claims: Int32Array, count: number, read: (index: number) => Promise<boolean>, skip: (index: number) => void): Promise<void> {
  for (;;) {
    const index = Atomics.add(claims, NEXT, 1);
    if (index >= count) return;
    if (index > Atomics.load(claims, FIRST_STOPPED)) {
      skip(index);
      continue;
    }
    if (await read(index)) noteStopped(claims, index);
  }
}
