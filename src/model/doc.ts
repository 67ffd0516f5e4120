/**
 * The intermediate document tree for official documents (公文). Templates produce markup that
 * is parsed into this tree; the DOCX and PDF writers both consume it, so the two files of one
 * document carry the same words. Pure types, no I/O.
 *
 * Layout follows GB/T 9704-2012: the writers, not the tree, know millimetres and fonts.
 */

/** The four typefaces the standard names; writers map them to real fonts. */
export type FontRole = 'fangsong' | 'xiaobiaosong' | 'heiti' | 'kaiti';

export interface Run {
  text: string;
  /** Default: the block's own font (仿宋 for body text). */
  font?: FontRole;
  bold?: boolean;
}

/** 文件格式 (a document with 版头 and 版记) or 信函格式 (a letter such as a 交办函). */
export type DocProfile = 'file' | 'letter';

export type Align = 'left' | 'center' | 'right' | 'justify';

export type Block =
  /** 发文机关标志, red 小标宋, centred. */
  | { type: 'masthead'; text: string }
  /** 发文字号, under the masthead; the red separator line follows it. */
  | { type: 'docNumber'; text: string }
  /** 标题, 2号小标宋, centred; may wrap over several lines. */
  | { type: 'title'; text: string }
  /** 主送机关, flush left, ending in a full-width colon. */
  | { type: 'recipients'; text: string }
  /** Headings 一、 (黑体) · （一） (楷体) · 1. (仿宋) · （1） (仿宋); runs may continue in body text. */
  | { type: 'heading'; level: 1 | 2 | 3 | 4; runs: Run[] }
  /** Body paragraph; first line indented 2 characters unless indent is 0. */
  | { type: 'paragraph'; runs: Run[]; indent: number; align: Align }
  | TableBlock
  /** 附件说明: 附件：1.××  2.×× aligned under the first name. */
  | { type: 'attachmentNote'; items: string[] }
  /** The label on an attachment's first page: 附件 or 附件1, 黑体, flush left. */
  | { type: 'attachmentLabel'; text: string }
  /** 发文机关署名 and 成文日期. */
  | { type: 'signature'; organ: string; date: string }
  /** 版记: 抄送 and 印发机关 / 印发日期. */
  | { type: 'imprint'; cc: string | null; printer: string | null; printDate: string | null }
  | { type: 'pageBreak' }
  | ChartBlock
  /** A QR code of `data` (a link), with the caption beside it and the link itself under the caption. */
  | { type: 'qr'; data: string; caption: string }
  /** Vertical space of n grid lines. */
  | { type: 'blank'; lines: number };

export interface TableCell {
  text: string;
  /** Cells spanning columns. */
  colSpan?: number;
  align?: Align;
}

export interface TableBlock {
  type: 'table';
  /** Relative column widths; they are scaled to the type area. */
  widths: number[];
  /** Header rows repeat at the top of every page the table runs onto. */
  header: TableCell[][];
  rows: TableCell[][];
  /** Table text size in pt; default 12 (小四) so that forms fit. */
  fontSize?: number;
}

export interface ChartDatum {
  label: string;
  value: number;
}

export interface ChartBlock {
  type: 'chart';
  kind: 'bar' | 'pie';
  title: string;
  data: ChartDatum[];
  /** Unit shown after values, e.g. % or 项. */
  unit?: string;
}

export interface DocMeta {
  title: string;
  author: string;
  /** ISO date; documents carry it instead of the clock so output is reproducible. */
  date: string;
}

export interface DocTree {
  profile: DocProfile;
  meta: DocMeta;
  blocks: Block[];
}
