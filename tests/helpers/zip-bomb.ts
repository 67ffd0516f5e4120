/**
 * Zip packages for the archive guard's tests, written by hand so that sizes can lie: each entry
 * is given as deflate (or stored) bytes plus the sizes its headers declare. The bomb's deflate
 * stream is one full-flush block of 1 MiB of zeros (fflate/zlib raw deflate) repeated, then an
 * empty final block: a few kB per GB, built in milliseconds.
 */
import { deflateRawSync, constants } from 'node:zlib';
import { deflateSync as fflateDeflate, strToU8 } from 'fflate';

export interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  declaredSize: number;
}

export function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return { name, data: fflateDeflate(bytes), method: 8, declaredSize: bytes.length };
}

/** Raw deflate that inflates to `mib` MiB of zeros: 1 MiB blocks (non-final, byte-aligned) repeated. */
export function zeroBombDeflate(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = Uint8Array.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  const out = new Uint8Array(block.length * mib + end.length);
  for (let i = 0; i < mib; i++) out.set(block, i * block.length);
  out.set(end, block.length * mib);
  return out;
}

export function writeZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x800, true);
    local.setUint16(8, e.method, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.declaredSize >>> 0, true);
    local.setUint16(26, name.length, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x800, true);
    cd.setUint16(10, e.method, true);
    cd.setUint32(20, e.data.length, true);
    cd.setUint32(24, e.declaredSize >>> 0, true);
    cd.setUint16(28, name.length, true);
    cd.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, e.data);
    central.push(new Uint8Array(cd.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, entries.length, true);
  eocd.setUint16(10, entries.length, true);
  eocd.setUint32(12, cdSize, true);
  eocd.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(eocd.buffer)];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The parts of a one-sheet workbook around a sheet entry. */
export function workbookWith(sheet: RawEntry): Uint8Array {
  return writeZip([
    deflated('[Content_Types].xml', '<Types/>'),
    deflated(
      'xl/workbook.xml',
      `<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="反馈表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    deflated('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ]);
}

/** A ~3 MB .xlsx whose sheet inflates to `mib` MiB of zeros; its headers claim `declared` bytes. */
export function xlsxBomb(mib = 3072, declared = 4096): Uint8Array {
  return workbookWith({ name: 'xl/worksheets/sheet1.xml', data: zeroBombDeflate(mib), method: 8, declaredSize: declared });
}
