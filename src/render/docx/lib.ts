/**
 * The docx library, loaded through require: its CommonJS build is the same code as its ES module,
 * and, as a CommonJS file, goes through duban's code cache (util/code-cache.ts), which saves
 * compiling it in every DOCX command. Every module of the DOCX writer takes docx from here.
 */
import { createRequire } from 'node:module';
import type * as Docx from 'docx';

const docx = createRequire(import.meta.url)('docx') as typeof Docx;

export const {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} = docx;

export type Paragraph = Docx.Paragraph;
export type Table = Docx.Table;
export type TableCell = Docx.TableCell;
export type TableRow = Docx.TableRow;
export type TextRun = Docx.TextRun;
export type Document = Docx.Document;
export type Tab = Docx.Tab;
export type { IFontAttributesProperties, IRunOptions, IRunStylePropertiesOptions, ISectionOptions, IStylesOptions } from 'docx';
