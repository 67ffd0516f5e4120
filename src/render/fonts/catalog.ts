import type { FontRole } from '../../model/doc.js';

/**
 * What each of the standard's four typefaces is called in the wild, best first. Offices install
 * the proprietary GB2312-era fonts on Windows; the open stand-ins come after them, and the
 * bundled Noto fonts (see bundled.ts) close every list.
 */
export interface RoleCatalog {
  role: FontRole;
  /** The name the standard's practice expects, shown in reports. */
  wanted: string;
  /** Family names as fontconfig or the font's own name table spell them (compared case-insensitively). */
  families: string[];
  /** File names seen on Windows, macOS and in font folders handed over by offices. */
  files: RegExp[];
}

export const ROLE_CATALOG: readonly RoleCatalog[] = [
  {
    role: 'fangsong',
    wanted: '仿宋_GB2312',
    families: [
      '仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', '方正仿宋_GBK', '方正仿宋简体', 'FZFangSong-Z02',
      'FZFangSong-Z02S', '华文仿宋', 'STFangsong', 'FandolFang', 'Zhuque Fangsong (technical preview)',
    ],
    files: [/^仿宋_GB2312\.ttf$/i, /^FS_GB2312\.ttf$/i, /^simfang\.ttf$/i, /^仿宋\.ttf$/i, /^FZFSK\.ttf$/i, /^FZFSJW.*\.ttf$/i, /^STFANGSO\.ttf$/i, /^FandolFang-Regular\.otf$/i],
  },
  {
    role: 'xiaobiaosong',
    wanted: '方正小标宋简体',
    families: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05', '小标宋', '华文中宋', 'STZhongsong'],
    files: [/^FZXBSJW.*\.ttf$/i, /^FZXBSK\.ttf$/i, /小标宋.*\.ttf$/i, /^STZHONGS\.ttf$/i],
  },
  {
    role: 'heiti',
    wanted: '黑体',
    families: ['黑体', 'SimHei', '方正黑体_GBK', '方正黑体简体', 'FZHei-B01S', '华文黑体', 'STHeiti', 'Heiti SC', 'FandolHei'],
    files: [/^simhei\.ttf$/i, /^黑体\.ttf$/i, /^FZHTK\.ttf$/i, /^FZHTJW.*\.ttf$/i, /^STHeiti.*\.ttf$/i, /^FandolHei-Regular\.otf$/i],
  },
  {
    role: 'kaiti',
    wanted: '楷体_GB2312',
    families: [
      '楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '方正楷体_GBK', '方正楷体简体', 'FZKai-Z03', 'FZKai-Z03S', '华文楷体',
      'STKaiti', 'LXGW WenKai GB', 'LXGW WenKai', 'AR PL UKai CN', 'FandolKai',
    ],
    files: [/^楷体_GB2312\.ttf$/i, /^KAITI_GB2312\.ttf$/i, /^simkai\.ttf$/i, /^楷体\.ttf$/i, /^FZKTK\.ttf$/i, /^FZKTJW.*\.ttf$/i, /^STKAITI\.ttf$/i, /^LXGWWenKai(GB)?-Regular\.ttf$/i, /^FandolKai-Regular\.otf$/i],
  },
];
