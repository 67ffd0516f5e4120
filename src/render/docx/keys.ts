/** Cache keys of plain data (docx pieces, table layouts, cells), for reuse.ts. */

const tellNonFinite = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v);

/**
 * The key of plain data: its JSON, with the numbers JSON would write as null told apart (the
 * slower replacer is only needed when null was written). Absent and undefined fields share a
 * key, as the builders treat them alike.
 */
export function keyOf(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('null') ? JSON.stringify(value, tellNonFinite) : json;
}
