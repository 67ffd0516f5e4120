/**
 * The markup's vocabulary: which attributes each element takes. templates/README.md documents
 * the same list for the staff who edit templates; keep them in step.
 */
export interface ElementSpec {
  attrs: readonly string[];
  required?: readonly string[];
}

export const BLOCK_ELEMENTS: Record<string, ElementSpec> = {
  masthead: { attrs: [] },
  docno: { attrs: [] },
  title: { attrs: [] },
  to: { attrs: [] },
  h1: { attrs: [] },
  h2: { attrs: [] },
  h3: { attrs: [] },
  h4: { attrs: [] },
  p: { attrs: ['indent', 'align'] },
  table: { attrs: ['widths', 'size'] },
  attachments: { attrs: [] },
  annex: { attrs: [] },
  signature: { attrs: ['organ', 'date'], required: ['organ', 'date'] },
  imprint: { attrs: ['cc', 'printer', 'date'] },
  pagebreak: { attrs: [] },
  blank: { attrs: ['lines'] },
  chart: { attrs: ['type', 'title', 'unit'], required: ['type', 'title'] },
  qr: { attrs: ['data', 'caption'], required: ['data'] },
};

export const INLINE_ELEMENTS: Record<string, ElementSpec> = {
  hei: { attrs: [] },
  kai: { attrs: [] },
  fang: { attrs: [] },
  b: { attrs: [] },
};

export const OTHER_ELEMENTS: Record<string, ElementSpec> = {
  doc: { attrs: ['profile', 'title', 'author', 'date'], required: ['profile', 'date'] },
  thead: { attrs: [] },
  tbody: { attrs: [] },
  tr: { attrs: [] },
  td: { attrs: ['colspan', 'align'] },
  item: { attrs: [] },
  datum: { attrs: ['label', 'value'], required: ['label', 'value'] },
};

export function specOf(name: string): ElementSpec | undefined {
  return BLOCK_ELEMENTS[name] ?? INLINE_ELEMENTS[name] ?? OTHER_ELEMENTS[name];
}
