/**
 * File names made from unit names must be valid on Windows and Linux and stay inside the
 * output folder: reserved characters, control characters, bidi marks and dot-only names go,
 * Windows device names get a suffix, and the length is bounded in UTF-8 bytes.
 */
// Lone surrogates and U+FFFE/U+FFFF too: the file system would store U+FFFD (or refuse), so two
// names differing only there would land in one file.
const RESERVED = /[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Windows reserves these names with any extension too: NUL.txt and CON.-2014-Q1.xlsx are the device.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;
const MAX_BYTES = 180;

export function safeFileStem(name: string): string {
  let s = name.normalize('NFC').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.\s]+|[.\s]+$/g, '');
  if (!s) s = '未命名';
  s = s.replace(WINDOWS_DEVICES, '$1_');
  while (Buffer.byteLength(s, 'utf8') > MAX_BYTES) s = Array.from(s).slice(0, -1).join('');
  return s;
}

/**
 * How a case-insensitive file system may see a stem: NTFS compares upper case, APFS folds case
 * fully, so ﬁ and FI, ß and SS, the Kelvin sign and k, ſ and s must count as one name.
 */
function foldKey(stem: string): string {
  return stem.toLowerCase().toUpperCase().normalize('NFC');
}

/** Stems for many names, made distinct by a numeric suffix where two names collide. */
export function distinctFileStems(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = safeFileStem(n);
    let stem = base;
    for (let i = 2; used.has(foldKey(stem)); i++) stem = `${base}_${i}`;
    used.add(foldKey(stem));
    return stem;
  });
}
