import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontRole } from '../../model/doc.js';

/**
 * The open fonts `npm ci` installs, used when no official font is found. Noto has no 仿宋 or
 * 楷体, so weights of Noto Serif SC stand in: Regular for body text, Bold for the 小标宋 of titles
 * and mastheads, Medium for 楷体 so that level-2 headings still differ from the body.
 */
export interface BundledFont {
  pkg: string;
  file: string;
  label: string;
}

export const BUNDLED: Record<FontRole, BundledFont> = {
  fangsong: { pkg: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf', label: 'Noto Serif SC Regular' },
  xiaobiaosong: { pkg: '@expo-google-fonts/noto-serif-sc', file: '700Bold/NotoSerifSC_700Bold.ttf', label: 'Noto Serif SC Bold' },
  heiti: { pkg: '@expo-google-fonts/noto-sans-sc', file: '500Medium/NotoSansSC_500Medium.ttf', label: 'Noto Sans SC Medium' },
  kaiti: { pkg: '@expo-google-fonts/noto-serif-sc', file: '500Medium/NotoSerifSC_500Medium.ttf', label: 'Noto Serif SC Medium' },
};

const require = createRequire(import.meta.url);

export function bundledPath(role: FontRole): string {
  const b = BUNDLED[role];
  return join(dirname(require.resolve(`${b.pkg}/package.json`)), b.file);
}
