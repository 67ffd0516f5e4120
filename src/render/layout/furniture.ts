import type { DocProfile } from '../../model/doc.js';
import type { FontSet } from '../fonts/fonts.js';
import { plainRun, type PageBody } from './display.js';
import { AREA_BOTTOM, AREA_LEFT, AREA_RIGHT, BLACK, MM, SIZE } from './geometry.js';
import { letterFooterRule } from './header.js';

export const PAGE_NUMBER_SIZE = SIZE.si;
/** The em dash of "— 1 —" sits about this far above the baseline, in ems. */
const DASH_HEIGHT = 0.27;

export function pageNumberText(n: number): string {
  return `— ${n} —`;
}

/**
 * 页码 "— N —" in 4号: the dashes 7 mm below the type area, odd pages right and even pages left,
 * one character in; none on page 1 of a letter, which carries the closing double red line instead.
 */
export function addFurniture(pages: PageBody[], profile: DocProfile, letterRule: boolean, fonts: FontSet): void {
  const face = fonts.faces.fangsong;
  const size = PAGE_NUMBER_SIZE;
  const baseline = AREA_BOTTOM + 7 * MM + DASH_HEIGHT * size;
  pages.forEach((page, idx) => {
    const n = idx + 1;
    if (profile === 'letter' && n === 1) {
      if (letterRule) page.items.push(...letterFooterRule());
      return;
    }
    const text = pageNumberText(n);
    const width = [...text].reduce((w, ch) => w + face.advance(ch.codePointAt(0)!) * size, 0);
    const x = n % 2 === 1 ? AREA_RIGHT - size - width : AREA_LEFT + size;
    page.items.push(plainRun(face, text, size, x, baseline, BLACK));
  });
}
