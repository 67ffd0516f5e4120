import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../src/read/clean.js';

describe('cleanText', () => {
  it('counts CRLF, CR and LF as one line end each and keeps blank lines', () => {
    expect(cleanText('一\r\n二\r三\n\n五')).toEqual(['一', '二', '三', '', '五']);
    expect(cleanText('一\n二\n')).toEqual(['一', '二']);
    expect(cleanText('一\n\n')).toEqual(['一', '']);
  });

  it('turns odd spaces into plain spaces and trims line ends only', () => {
    expect(cleanLine('\u3000\u3000一、\u00a0加强领导\u2003明确目标\u202f \t')).toBe('  一、 加强领导 明确目标');
  });

  it('removes zero-width characters, BOMs and controls but keeps tabs', () => {
    expect(cleanLine('\ufeff市\u200b工\u200c商\u200d局\u2060\x00\x07\x1b\x7f\x85\t法制办')).toBe('市工商局\t法制办');
  });

  it('leaves punctuation width and full-width letters alone', () => {
    const line = '（责任单位：市发改委，ＡＢＣ１２３)(责任单位:市工商局,14.5%,1.8:1';
    expect(cleanLine(line)).toBe(line);
  });
});

describe('lone surrogates', () => {
  it('become U+FFFD while whole pairs stay', () => {
    expect(cleanLine('市\ud800局😀\udfff')).toBe('市\ufffd局😀\ufffd');
  });
});
