/** duban letters --portal-url: each unit's letter carries its own working link and a QR code. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { run } from '../../src/cli/run.js';
import { recordingIO } from '../../src/cli/io.js';
import { openDatabase } from '../../src/store/index.js';
import { resolveLink } from '../../src/serve/access.js';
import { qrMatrix, qrPng } from '../../src/render/qr.js';
import { buildDemoDb } from '../evaluate/demo-db.js';

describe('letters with portal links', () => {
  it('puts the unit\'s link and a QR code image into its letter', async () => {
    const demo = await buildDemoDb();
    demo.db.close();
    const out = join(demo.dir, 'letters');
    const io = recordingIO();
    const code = await run(
      ['letters', 'seeds/ezhou-2014-4.txt', '--out', out, '--unit', '市监察局', '--format', 'docx', '--portal-url', 'http://10.1.2.3:8080', '--period', '2014-Q1', '--db', demo.file],
      io,
    );
    expect(code, io.stderr.join('\n')).toBe(0);
    const zip = unzipSync(readFileSync(join(out, '市监察局.docx')));
    const xml = strFromU8(zip['word/document.xml']!);
    const url = /http:\/\/10\.1\.2\.3:8080\/r\/2014-Q1\/[A-Za-z0-9_-]+/.exec(xml)?.[0];
    expect(url).toBeDefined();
    expect(xml).toContain('网上填报');
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(1);
    expect([...zip[media[0]!]!.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const db = openDatabase(demo.file);
    try {
      const access = resolveLink(db, '2014-Q1', url!.split('/').pop()!, '2014-04-01');
      expect(typeof access).toBe('object');
      expect(typeof access === 'object' && access.unit.name).toBe('市监察局');
    } finally {
      db.close();
    }
  }, 60_000);

  it('draws the QR modules it is given', () => {
    const m = qrMatrix('http://127.0.0.1:8080/r/2014-Q1/abc');
    expect(m.size).toBeGreaterThanOrEqual(21);
    // Finder pattern corners are dark.
    expect(m.dark(0, 0) && m.dark(0, m.size - 1) && m.dark(m.size - 1, 0)).toBe(true);
    const { png, width } = qrPng('x', 4);
    expect(width).toBe((21 + 8) * 4);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
