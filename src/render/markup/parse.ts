import type { DocTree } from '../../model/doc.js';
import { buildTree } from './build.js';
import { lexMarkup } from './lexer.js';

export { MarkupError } from './errors.js';
export { normalizePunctuation } from './text.js';

/**
 * Parses duban's document markup (see templates/README.md) into a document tree. Errors are
 * DubanError('config') naming `file` and the markup line.
 */
export function parseMarkup(markup: string, file?: string): DocTree {
  return buildTree(lexMarkup(markup, file), file);
}
