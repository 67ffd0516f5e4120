/** Re-packing Office packages so that the clock leaves no trace, and the XML sanitiser. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deterministicZip, packageTimestamp } from '../../src/util/office-zip.js';
import { xmlSafe } from '../../src/util/xml-safe.js';

const CORE = (stamp: string) =>
  `<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dcterms="d" xmlns:xsi="x"><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified><cp:lastPrinted>${stamp}</cp:lastPrinted></cp:coreProperties>`;

function pack(mtime: Date, stamp: string): Uint8Array {
  return zipSync({
    'docProps/core.xml': [strToU8(CORE(stamp)), { mtime }],
    'xl/workbook.xml': [strToU8('<workbook/>'), { mtime }],
    '[Content_Types].xml': [strToU8('<Types/>'), { mtime }],
  });
}

describe('deterministicZip', () => {
  it('gives the same bytes for packages written at different times', () => {
    const a = deterministicZip(pack(new Date(2021, 4, 6, 7, 8, 10), '2021-05-06T07:08:10Z'), '2014-01-13');
    const b = deterministicZip(pack(new Date(2024, 10, 30, 23, 59, 58), '2024-11-30T23:59:58.123Z'), '2014-01-13');
    expect(Buffer.compare(a, b)).toBe(0);
    const files = unzipSync(a);
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'docProps/core.xml', 'xl/workbook.xml']);
    const core = strFromU8(files['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2014-01-13T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2014-01-13T00:00:00Z</dcterms:modified>');
    expect(core).not.toContain('lastPrinted');
  });

  it('stamps the entries with the given day whatever the time zone', () => {
    const out = deterministicZip(pack(new Date(), 'x'), '2014-01-13');
    // Local file header: DOS time at offset 10, DOS date at offset 12.
    const dosDate = out.readUInt16LE(12);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2014, 1, 13]);
  });

  it('applies a patch to XML parts and falls back to a fixed date', () => {
    const out = deterministicZip(pack(new Date(), 'x'), 'soon', (path, xml) => (path === 'xl/workbook.xml' ? '<workbook a="1"/>' : xml));
    expect(strFromU8(unzipSync(out)['xl/workbook.xml']!)).toBe('<workbook a="1"/>');
    expect(packageTimestamp('soon')).toBe('2000-01-01T00:00:00Z');
    expect(packageTimestamp('1970-01-01')).toBe('2000-01-01T00:00:00Z');
    expect(packageTimestamp('2014-01-13')).toBe('2014-01-13T00:00:00Z');
    expect(packageTimestamp('2014年1月8日')).toBe('2014-01-08T00:00:00Z');
    expect(packageTimestamp('2014-13-01')).toBe('2000-01-01T00:00:00Z');
  });
});

describe('xmlSafe', () => {
  it('removes what XML 1.0 forbids and keeps everything else', () => {
    expect(xmlSafe('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\u007fh\u0085i\ud800j\udc00k\ufffel\uffffm')).toBe('abcdefghijklm');
    expect(xmlSafe('tab\tnl\ncr\r<&>"\'😀中文\u3000')).toBe('tab\tnl\ncr\r<&>"\'😀中文\u3000');
    expect(xmlSafe('\ud83d\ude00')).toBe('😀');
    expect(xmlSafe('\ude00\ud83d')).toBe('');
  });
});
