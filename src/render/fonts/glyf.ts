/**
 * Reading TrueType glyph records from a font's bytes, shared by the slim copy (slim.ts), the
 * partly read font (sparse.ts), loca's one-loop decoding (load.ts) and the subsetter
 * (pdf/ttf-subset.ts).
 */

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** loca's entry `i` in bytes into glyf (short offsets count 16-bit words, as fontkit doubles them). */
export function locaEntry(view: DataView, loca: number, shortLoca: boolean, i: number): number {
  return shortLoca ? view.getUint16(loca + 2 * i) * 2 : view.getUint32(loca + 4 * i);
}

/**
 * The components of the composite glyph record at `at`, as fontkit parses them: each as (offset of
 * its glyph id within the record, glyph id). `complete` is false when the record ends at `end`
 * before its last component does.
 */
export function compositeComponents(view: DataView, at: number, end: number): { components: [number, number][]; complete: boolean } {
  const components: [number, number][] = [];
  let p = at + 10;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS) {
    if (p + 4 > end) return { components, complete: false };
    flags = view.getUint16(p);
    components.push([p + 2 - at, view.getUint16(p + 2)]);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    p += flags & WE_HAVE_A_SCALE ? 2 : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 4 : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0;
  }
  return { components, complete: true };
}

/** Whether the glyph record from `start` to `end` is composite (a negative contour count). */
export function isComposite(view: DataView, start: number, end: number): boolean {
  return end - start >= 10 && view.getInt16(start) < 0;
}

/** A DataView over a Buffer's own bytes. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
