import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A font file on disk with the family names known for it (empty when only the file name is known). */
export interface FontFile {
  path: string;
  families: string[];
}

const FONT_EXT = /\.(ttf|otf|ttc)$/i;

/** Font files in a folder and its direct sub-folders (offices hand over folders as copied). */
export function listFontDir(dir: string): FontFile[] {
  const out: FontFile[] = [];
  const walk = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      if (FONT_EXT.test(name)) out.push({ path: p, families: [] });
      else if (depth < 1 && isDir(p)) walk(p, depth + 1);
    }
  };
  walk(dir, 0);
  return out;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let systemCache: FontFile[] | undefined;
let prefetch: Promise<void> | undefined;

/** Chinese fonts the operating system knows about; looked up once per process. */
export function listSystemFonts(): FontFile[] {
  if (systemCache) return systemCache;
  systemCache = withPlatformDirs(fromFontconfig());
  return systemCache;
}

function withPlatformDirs(fromFc: FontFile[]): FontFile[] {
  const found: FontFile[] = [...fromFc];
  for (const dir of platformDirs()) found.push(...listFontDir(dir));
  return found;
}

/**
 * Starts asking fontconfig now, without waiting: fc-list is a process of its own, so it runs
 * while this one parses. Await the promise before loadFonts to use its answer; listSystemFonts
 * asks again (synchronously) only when no prefetch has finished.
 */
export function prefetchSystemFonts(): Promise<void> {
  prefetch ??= new Promise<void>((resolve) => {
    execFile('fc-list', [':lang=zh', 'file', 'family'], { encoding: 'utf8', timeout: 5000 }, (err, stdout) => {
      systemCache ??= withPlatformDirs(err ? [] : parseFcList(stdout));
      resolve();
    });
  });
  return prefetch;
}

function fromFontconfig(): FontFile[] {
  let text: string;
  try {
    text = execFileSync('fc-list', [':lang=zh', 'file', 'family'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return [];
  }
  return parseFcList(text);
}

/** `fc-list file family` prints `path: Family One,家族名` per face. */
export function parseFcList(text: string): FontFile[] {
  const out: FontFile[] = [];
  for (const line of text.split('\n').sort()) {
    const m = /^(.+?\.(?:ttf|otf|ttc)):\s*(.*)$/i.exec(line.trim());
    if (!m) continue;
    const families = m[2]!.split(',').map((s) => s.replace(/:$/, '').trim()).filter(Boolean);
    out.push({ path: m[1]!, families });
  }
  return out;
}

function platformDirs(): string[] {
  const dirs: string[] = [];
  if (process.platform === 'win32') {
    dirs.push(join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'));
    if (process.env.LOCALAPPDATA) dirs.push(join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
  } else if (process.platform === 'darwin') {
    dirs.push('/Library/Fonts', '/System/Library/Fonts', '/System/Library/Fonts/Supplemental', join(homedir(), 'Library', 'Fonts'));
  } else {
    // fontconfig normally covers these; they matter when fc-list is missing.
    dirs.push(join(homedir(), '.fonts'), join(homedir(), '.local', 'share', 'fonts'));
  }
  return dirs.filter((d) => existsSync(d));
}
