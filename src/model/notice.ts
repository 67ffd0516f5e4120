/**
 * The Notice model: one task-decomposition notice, read once, used by every later stage.
 * Pure types, no I/O. Its JSON form (`duban parse --json`) is a stable contract:
 * fields are only ever added, and `schemaVersion` changes when a field's meaning does.
 */
import type { Diagnostic } from './diagnostic.js';

export const NOTICE_SCHEMA_VERSION = 1;

export type Role = 'lead' | 'support';

/** The kinds of unit a directory knows. `collective` stands for a group such as 各区. */
export type UnitKind =
  | 'department'
  | 'district'
  | 'development-zone'
  | 'sub-district'
  | 'company'
  | 'collective'
  | 'other'
  | 'unknown';

export interface NoticeMeta {
  /** The notice's own title, e.g. 市人民政府办公室关于印发《…》的通知. */
  title: string | null;
  /** 发文字号 as printed but with 〔〕 brackets, e.g. 鄂州政办发〔2014〕4号. */
  docNumber: string | null;
  /** 发布机构 or the signing organ. */
  issuer: string | null;
  /** ISO date (YYYY-MM-DD) the notice was published, when the page says so. */
  publishDate: string | null;
  /** ISO date of 成文日期 (the date under the signature). */
  signDate: string | null;
  /** 索引号 of government information disclosure pages. */
  indexNo: string | null;
  /** 主送机关, split into organs. */
  recipients: string[];
  /** Numbered requirements of the covering notice (一、二、三、). */
  requirements: Requirement[];
  /** Title of the attachment that holds the task list, without book-title marks. */
  attachmentTitle: string | null;
  /** Year of the notice: 〔2013〕 of the 文号, its dates, or the year its title names. Added in place (schema 1). */
  year?: number | null;
  /** The place the notice is issued for, without its level word: 鄂州, 蔡甸, 广东. */
  city?: string | null;
  /** Level of that place: 省, 市, 县 or 区. */
  level?: '省' | '市' | '县' | '区' | null;
  /** Where each field's value came from (see MetaSource). */
  provenance?: Partial<Record<MetaField, MetaSource>>;
}

/**
 * Where a metadata value came from: printed in the notice (`text`), worked out from other text
 * (`derived`: the year from 〔2013〕, the city from the issuer or the unit directory), taken from
 * the office settings (`settings`), given on the command line (`flag`), or not known (`missing`).
 */
export type MetaSource = 'text' | 'derived' | 'settings' | 'flag' | 'missing';

export type MetaField =
  | 'title'
  | 'docNumber'
  | 'issuer'
  | 'publishDate'
  | 'signDate'
  | 'indexNo'
  | 'recipients'
  | 'attachmentTitle'
  | 'year'
  | 'city'
  | 'level';

export interface Requirement {
  /** Chinese numeral as printed, e.g. 一. */
  no: string;
  /** The lead phrase, e.g. 加强领导、明确目标. */
  title: string;
  text: string;
  line: number;
}

export interface Chapter {
  /** Chinese numeral as printed, e.g. 一. */
  no: string;
  title: string;
  line: number;
}

export interface UnitRef {
  /** The unit as written in the task, role words removed, e.g. 法制办. */
  raw: string;
  /** Canonical name from the unit directory, or the normalised raw name when unknown. */
  name: string;
  role: Role;
}

export interface Target {
  /** The raw phrase, e.g. 新增限上企业40家. */
  text: string;
  /** Indicator words, e.g. 新增限上企业. */
  indicator: string;
  value: number;
  /** Measure word as written, e.g. 家, %, 亿元, 万人, 平方公里. */
  unit: string;
  /** 以上 / 以下 / 左右 / 突破 … when the text qualifies the value. */
  qualifier: string | null;
}

export type DeadlineKind = 'date' | 'month-end' | 'year' | 'years' | 'relative';

export interface Deadline {
  /** The phrase as written, e.g. 元月底前, 今年, 力争三年, 2010年9月20日前. */
  text: string;
  kind: DeadlineKind;
  /** ISO date the phrase resolves to, when it can be resolved from the notice's year. */
  date: string | null;
}

export interface Task {
  /** 1-based position in the notice; the key other stages use. */
  no: number;
  /** Number as printed without its separator, e.g. 1, (一), (二十一). */
  label: string;
  /** Chapter numeral (一, 二 …) or null when none is visible. */
  chapter: string | null;
  /** Section label such as (一) when the notice has a level between chapter and task. */
  section: string | null;
  /** `no` of the task this one is a sub-item of (（1） under 3、), else null. */
  parent: number | null;
  /** Lead phrase, e.g. 全面激发市场活力. */
  title: string;
  /** Full task text without the unit clause. */
  text: string;
  units: UnitRef[];
  targets: Target[];
  deadlines: Deadline[];
  /** Filled only when keywords are asked for (nodejieba is loaded lazily). */
  keywords: string[];
  line: number;
}

/** A unit as the notice involves it: which tasks it leads and supports. */
export interface UnitSummary {
  name: string;
  kind: UnitKind;
  fullName: string | null;
  lead: number[];
  support: number[];
  /** For collectives: the member units the directory expands them to. */
  members?: string[];
}

export type SourceFormat = 'txt' | 'html' | 'docx';

export interface NoticeSource {
  file: string;
  format: SourceFormat;
  encoding: string;
}

export interface Notice {
  schemaVersion: number;
  source: NoticeSource;
  meta: NoticeMeta;
  /** ISO date by which units must send their implementation plans. */
  planDeadline: string | null;
  /** Who receives the plans, e.g. 市政府政务督查室. */
  planRecipient: string | null;
  chapters: Chapter[];
  tasks: Task[];
  units: UnitSummary[];
  diagnostics: Diagnostic[];
}
