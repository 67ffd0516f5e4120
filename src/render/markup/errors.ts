import { DubanError } from '../../model/errors.js';

/**
 * A markup error with the place in the markup text. `token` is the piece of markup at fault (a
 * tag, an attribute); the template layer searches the template's source for it to report the
 * template's own line rather than a line of the expanded output.
 */
export class MarkupError extends DubanError {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly markupLine: number,
    readonly token: string,
  ) {
    super('config', message, { file, line: markupLine });
  }
}
