/**
 * QR codes for documents (a unit's reporting link in its 交办函): the module matrix from the
 * `qrcode` package, drawn as vector squares in PDF and as a PNG (encoded here, no canvas) in DOCX.
 */
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

interface QrModule {
  create(text: string, opts: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number; data: Uint8Array } };
}

export interface QrMatrix {
  /** Modules per side, quiet zone excluded. */
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = createRequire(import.meta.url)('qrcode') as QrModule;
  const { size, data } = qr.create(text, { errorCorrectionLevel: 'M' }).modules;
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

/** Horizontal runs of dark modules per row: fewer shapes than one square per module. */
export function qrRuns(m: QrMatrix): { row: number; col: number; len: number }[] {
  const out: { row: number; col: number; len: number }[] = [];
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.dark(r, c)) c++;
      out.push({ row: r, col: start, len: c - start });
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A black-on-white 8-bit greyscale PNG, `scale` pixels a module, 4-module quiet zone. */
export function qrPng(text: string, scale = 8): { png: Buffer; width: number } {
  const m = qrMatrix(text);
  const side = (m.size + 8) * scale;
  const raw = Buffer.alloc(side * (side + 1), 255);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0; // filter: none
    const r = Math.floor(y / scale) - 4;
    for (let x = 0; x < side; x++) {
      const c = Math.floor(x / scale) - 4;
      if (r >= 0 && c >= 0 && r < m.size && c < m.size && m.dark(r, c)) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png, width: side };
}
