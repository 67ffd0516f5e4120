/**
 * The faces offices have installed (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) named in every
 * slot of w:rFonts. Chinese text takes its face from the East Asian slot; the ASCII slots carry
 * the same name so that digits and Latin letters match the surrounding text, as they do in
 * documents typed in WPS. On a PC without the GB2312 faces (Windows 10 and later ship only 仿宋
 * and 楷体), Word and WPS fall back to the `altName` written into the font table.
 */
import type { IFontAttributesProperties } from './lib.js';
import type { FontRole } from '../../model/doc.js';

export interface FaceInfo {
  name: string;
  /** What Word and WPS use when `name` is not installed. */
  altName: string;
  /** w:family of the font table. */
  family: 'roman' | 'modern' | 'swiss' | 'script';
}

export const FACES: Record<FontRole, FaceInfo> = {
  fangsong: { name: '仿宋_GB2312', altName: '仿宋', family: 'modern' },
  xiaobiaosong: { name: '方正小标宋简体', altName: '宋体', family: 'modern' },
  heiti: { name: '黑体', altName: 'SimHei', family: 'modern' },
  kaiti: { name: '楷体_GB2312', altName: '楷体', family: 'modern' },
};

/** 页码: 4号半角宋体. */
export const PAGE_NUMBER_FACE: FaceInfo = { name: '宋体', altName: 'SimSun', family: 'roman' };

export function runFont(face: FaceInfo): IFontAttributesProperties {
  return { ascii: face.name, hAnsi: face.name, eastAsia: face.name, cs: face.name, hint: 'eastAsia' };
}

export function fontOf(role: FontRole): IFontAttributesProperties {
  return runFont(FACES[role]);
}

/** The font table entries, so that Word and WPS know the fallbacks and the GB2312 charset. */
export function fontTableXml(): string {
  const faces = [...Object.values(FACES), PAGE_NUMBER_FACE];
  return faces
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${f.family}"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
}
