/**
 * Imports filled forms: read → validate → store, one file at a time, each file in one
 * transaction. A file with any error imports nothing; a file already imported (same SHA-256)
 * changes nothing; the other files of the batch go ahead either way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Db } from '../store/db.js';
import { sha256 } from '../store/notices.js';
import { writeImport } from '../store/reports.js';
import { readFilledForm } from './form-read.js';
import type { FormIssue } from './issues.js';
import { validateForm } from './validate.js';
import { chinaDate } from './values.js';

export interface ImportOptions {
  /** The clock behind imported_at and the default submission date. */
  now?: () => Date;
  /** Called after each report row is written (inside the file's transaction). */
  onRow?: (file: string, done: number, total: number) => void;
}

export type FileImportResult =
  | {
      file: string;
      outcome: 'imported';
      importId: number;
      notice: string;
      unit: string;
      period: string;
      reports: number;
      superseded: number;
      /** Tasks whose rows were left blank. */
      blank: number[];
      /** Tasks the unit holds whose rows were deleted from the form (still not reported). */
      missing: number[];
      /** Warnings that did not stop the import. */
      warnings: FormIssue[];
    }
  | { file: string; outcome: 'duplicate'; previousFile: string; importedAt: string }
  | { file: string; outcome: 'rejected'; issues: FormIssue[] };

export function importProgressFile(db: Db, file: string, opts: ImportOptions = {}): FileImportResult {
  return importOne(db, file, opts, new Map());
}

function importOne(db: Db, file: string, opts: ImportOptions, taskNumbers: Map<number, Set<number>>): FileImportResult {
  const now = (opts.now ?? (() => new Date()))();
  let bytes: Uint8Array;
  try {
    if (statSync(file).isDirectory()) return rejected(file, '这是一个文件夹，不是反馈表文件');
    bytes = readFileSync(file);
  } catch {
    return rejected(file, '文件不存在或无法读取');
  }
  const hash = sha256(bytes);
  const earlier = db.prepare('SELECT file_name AS fileName, imported_at AS importedAt FROM imports WHERE file_sha256 = ?').get(hash) as
    | { fileName: string; importedAt: string }
    | undefined;
  if (earlier) return { file, outcome: 'duplicate', previousFile: earlier.fileName, importedAt: earlier.importedAt };

  const form = readFilledForm(file, bytes);
  const v = validateForm(db, form, { fallbackDate: chinaDate(now), taskNumbers });
  if (v.issues.length || !v.notice || !v.unit || !v.period) return { file, outcome: 'rejected', issues: v.issues };

  const result = writeImport(
    db,
    {
      fileName: file,
      sha256: hash,
      importedAt: now.toISOString(),
      noticeId: v.notice.id,
      unitId: v.unit.id,
      periodId: v.period.id,
      sheet: form.sheet,
    },
    v.reports,
    opts.onRow ? (done, total) => opts.onRow!(file, done, total) : undefined,
  );
  if (result.kind === 'duplicate') {
    return { file, outcome: 'duplicate', previousFile: result.previous.fileName, importedAt: result.previous.importedAt };
  }
  return {
    file,
    outcome: 'imported',
    importId: result.importId,
    notice: v.notice.key,
    unit: v.unit.name,
    period: v.period.id,
    reports: result.reports,
    superseded: result.superseded,
    blank: v.blank,
    missing: v.missing,
    warnings: v.warnings,
  };
}

/** Imports each file in turn; never throws for a bad file (its result says why). */
export function importProgressFiles(db: Db, files: readonly string[], opts: ImportOptions = {}): FileImportResult[] {
  const taskNumbers = new Map<number, Set<number>>();
  return files.map((f) => importOne(db, f, opts, taskNumbers));
}

const FORM_EXTENSIONS = new Set(['.xlsx', '.csv']);

/**
 * The files to import: each path as given, a folder replaced by its .xlsx and .csv files
 * (not recursive, sorted; Office lock files ~$… skipped).
 */
export function expandImportPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      return [p];
    }
    if (!isDir) return [p];
    return readdirSync(p)
      .filter((f) => FORM_EXTENSIONS.has(extname(f).toLowerCase()) && !f.startsWith('~$') && !f.startsWith('.'))
      .sort()
      .map((f) => join(p, f));
  });
}

function rejected(file: string, message: string): FileImportResult {
  return { file, outcome: 'rejected', issues: [{ file, message }] };
}
