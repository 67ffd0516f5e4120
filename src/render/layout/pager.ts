import { GRID_LINES } from './geometry.js';
import type { DrawItem, PageBody } from './display.js';

/** The cursor of the typesetter: the current page and its next free grid line. */
export class Pager {
  readonly pages: PageBody[] = [];
  line = 0;

  constructor() {
    this.newPage();
  }

  get items(): DrawItem[] {
    return this.pages[this.pages.length - 1]!.items;
  }

  get pageNumber(): number {
    return this.pages.length;
  }

  newPage(): void {
    this.pages.push({ items: [] });
    this.line = 0;
  }

  /** Grid line for the next row of text; a full page moves on to a new one. */
  nextLine(): number {
    if (this.line >= GRID_LINES) this.newPage();
    return this.line++;
  }

  remaining(): number {
    return GRID_LINES - this.line;
  }

  /** Blank lines; they are not carried over to the top of the next page. */
  skip(n: number): void {
    this.line = Math.min(GRID_LINES, this.line + n);
  }

  /** Starts a new page unless `n` lines still fit here (or the page is still empty). */
  ensure(n: number): void {
    if (this.line > 0 && this.line + n > GRID_LINES) this.newPage();
  }

  atTop(): boolean {
    return this.line === 0;
  }
}
