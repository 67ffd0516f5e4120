import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../src/progress/csv.js';
import { cellText, parseDate, parseDecimal, parsePercent, parseStatus, parseTaskNo } from '../../src/progress/values.js';
import iconv from 'iconv-lite';

describe('cell values as units type them', () => {
  it('reads percents written as numbers, text, full-width digits and percent-formatted fractions', () => {
    for (const [raw, want] of [
      [80, 80],
      ['80', 80],
      [' 80 ', 80],
      ['80%', 80],
      ['８０', 80],
      ['８０％', 80],
      ['85.5', 85.5],
      ['', null],
      [null, null],
    ] as const) {
      expect(parsePercent(raw), String(raw)).toEqual({ ok: true, value: want });
    }
    expect(parsePercent(0.8, true)).toEqual({ ok: true, value: 80 });
    expect(parsePercent(150)).toEqual({ ok: false, reason: '超出 0–100 的范围' });
    expect(parsePercent('-5')).toMatchObject({ ok: false });
    expect(parsePercent('八十')).toEqual({ ok: false, reason: '不是数字' });
    expect(parsePercent('80左右')).toMatchObject({ ok: false });
  });

  it('reads dates as Date cells, Excel serials and the usual Chinese spellings', () => {
    const want = { ok: true, value: '2014-03-31' };
    for (const raw of [new Date(Date.UTC(2014, 2, 31)), 41729, '41729', '2014-3-31', '2014-03-31', '2014/3/31', '2014.3.31', '2014年3月31日', '２０１４年３月３１日', ' 2014-3-31 10:20 ', '20140331']) {
      expect(parseDate(raw), String(raw)).toEqual(want);
    }
    for (const raw of ['2014-2-30', '三月底', '2014-13-01', 12, 'soon']) expect(parseDate(raw).ok, String(raw)).toBe(false);
    expect(parseDate('')).toEqual({ ok: true, value: null });
  });

  it('accepts only the four statuses, spaces and width ignored', () => {
    expect(parseStatus(' 推进中 ')).toEqual({ ok: true, value: '推进中' });
    expect(parseStatus('已 完成')).toEqual({ ok: true, value: '已完成' });
    expect(parseStatus('进行中').ok).toBe(false);
    expect(parseStatus(null)).toEqual({ ok: true, value: null });
  });

  it('reads task numbers and decimals', () => {
    expect([7, '7', '７', '7、', ' 12 '].map(parseTaskNo)).toEqual([7, 7, 7, 7, 12]);
    expect(['七', '', null, 1.5, '第7项'].map(parseTaskNo)).toEqual([null, null, null, null, null]);
    expect(parseDecimal('6,300')).toEqual({ ok: true, value: 6300 });
    expect(parseDecimal('１.８')).toEqual({ ok: true, value: 1.8 });
    expect(parseDecimal('约2万').ok).toBe(false);
  });

  it('keeps free text, trimmed, with line breaks', () => {
    expect(cellText('  一是……\r\n二是……  ')).toBe('一是……\n二是……');
  });
});

describe('CSV bytes', () => {
  const text = '任务序号,状态,进展情况\n7,推进中,"完成拆迁，""三通一平""\n已开工"\n';
  it('decodes UTF-8 with and without BOM, GB18030 and UTF-16', () => {
    expect(decodeCsvBytes(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeCsvBytes(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'GB18030' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]))).toEqual({ text, encoding: 'UTF-16LE' });
  });

  it('parses quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['任务序号', '状态', '进展情况'],
      ['7', '推进中', '完成拆迁，"三通一平"\n已开工'],
    ]);
    expect(parseCsv('a\tb\r\n1\t2').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
