/**
 * What the year-end evaluation needs to know, as plain data: the scorer reads nothing else.
 * Layer 2 (load-facts.ts) builds it from the workspace database; tests build it by hand or
 * from a seeded generator. Pure types, no I/O.
 */
import type { Role, UnitKind } from '../model/notice.js';

/** The status vocabulary of progress reports. */
export type TaskStatus = '未启动' | '推进中' | '已完成' | '滞后';

export interface TargetFact {
  /** The target phrase as the notice writes it, e.g. 高新技术产业增加值增长16%. */
  text: string;
  indicator: string;
  value: number;
  /** Measure word, e.g. %, 家, 亿元. */
  unit: string;
  /** 以上 / 以下 / 以内 / 左右 / 上下 / 多, or null. */
  qualifier: string | null;
  /** The value reported for the year, or null when nobody reported one. */
  actual: number | null;
  /** Who reported `actual` and in which period (for the explanation), when known. */
  actualFrom: { unit: string; period: string } | null;
}

export interface TaskFact {
  /** Key of the notice the task belongs to (its 文号 or title). */
  notice: string;
  /** 1-based position in the notice. */
  no: number;
  /** Number as printed, e.g. 9 or (一). */
  label: string;
  title: string;
  role: Role;
  /** The collective through which the unit holds the task (各区), or null. */
  via: string | null;
  /** Status in the unit's last report of the year on this task; null when it never reported it. */
  status: TaskStatus | null;
  /** Percent complete in that report, 0–100, or null when left empty. */
  percent: number | null;
  /** Label of the period the status comes from, e.g. 2014年第四季度. */
  statusPeriod: string | null;
  targets: TargetFact[];
}

/** One reporting period the unit owed a report for. */
export interface ReportFact {
  notice: string;
  /** Period id, e.g. 2014-Q2. */
  period: string;
  /** Human label, e.g. 2014年第二季度. */
  periodLabel: string;
  /** ISO due date. */
  due: string;
  state: 'onTime' | 'late' | 'missing';
  /** ISO date of the first submission, or null when missing. */
  submitted: string | null;
  /** Tasks reported as 滞后 in this period, with the reason the unit gave ('' when none). */
  lagging: { no: number; label: string; reason: string }[];
}

/** A bonus or 一票否决 item the target office records for a unit (names from the rules). */
export interface UnitEvent {
  kind: 'bonus' | 'veto';
  /** The item's name as the rules file lists it, e.g. 领导批示肯定. */
  item: string;
  /** What happened, e.g. 市长批示肯定新区建设经验（2014年8月）. */
  note: string;
}

export interface UnitFacts {
  /** Canonical name, e.g. 市发改委. */
  name: string;
  fullName: string | null;
  kind: UnitKind;
  /** Tasks held, in notice order. A unit without tasks is not scored. */
  tasks: TaskFact[];
  reports: ReportFact[];
  events: UnitEvent[];
}

export interface NoticeFact {
  key: string;
  docNumber: string | null;
  title: string | null;
}

export interface EvaluationFacts {
  year: number;
  /** City name without 市, e.g. 鄂州; null when the data does not say. */
  city: string | null;
  /** ISO date the documents carry: taken from the data, never the clock. */
  date: string;
  notices: NoticeFact[];
  /** Period ids of the year that were followed up, in order. */
  periods: { id: string; label: string; due: string }[];
  /** In a stable order (the order units first appear in the notices); ties in rank keep it. */
  units: UnitFacts[];
}
