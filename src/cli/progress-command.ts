import type { CliIO } from './io.js';
import { EXIT } from '../model/errors.js';

/**
 * duban progress import <files or folders...>: validates and stores filled forms, one
 * transaction per file; a file with problems imports nothing, the others go ahead.
 */
export async function progressImportCommand(files: string[], opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const [store, { importProgressFiles, expandImportPaths }, { formatIssue }] = await Promise.all([
    import('../store/index.js'),
    import('../progress/import.js'),
    import('../progress/issues.js'),
  ]);
  const db = store.openDatabase(typeof opts.db === 'string' ? opts.db : 'output/duban.db', { mustExist: true });
  try {
    const results = importProgressFiles(db, expandImportPaths(files));
    if (results.length === 0) io.err('没有找到要导入的反馈表（.xlsx 或 .csv）');
    let imported = 0;
    let skipped = 0;
    let rejected = 0;
    // --quiet keeps only what needs attention: rejected files and the totals.
    const say = opts.quiet === true ? () => undefined : (line: string) => io.out(line);
    for (const r of results) {
      if (r.outcome === 'imported') {
        imported++;
        const corrected = r.superseded ? `，其中 ${r.superseded} 条更正了此前的报告` : '';
        const blank = r.blank.length ? `；第 ${r.blank.join('、')} 项未填写` : '';
        say(`${r.file}：已导入 ${r.unit} ${r.period} 进展 ${r.reports} 条${corrected}${blank}`);
        for (const w of r.warnings) io.err(`警告：${formatIssue(w)}`);
      } else if (r.outcome === 'duplicate') {
        skipped++;
        say(`${r.file}：已导入过，跳过（${r.importedAt.slice(0, 10)} 导入，原文件 ${r.previousFile}）`);
      } else {
        rejected++;
        for (const issue of r.issues) io.err(formatIssue(issue));
        io.err(`${r.file}：有 ${r.issues.length} 处问题，整个文件未导入，请改正后重新导入`);
      }
    }
    io.out(`共 ${results.length} 个文件：导入 ${imported} 个，跳过 ${skipped} 个，未导入 ${rejected} 个`);
    return rejected ? EXIT.content : EXIT.ok;
  } finally {
    db.close();
  }
}

/** duban progress status [--period]: per period, who reported on time, late, or not at all. */
export async function progressStatusCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const [store, { unitReporting }, { chineseDate }, { readStatusRules }] = await Promise.all([
    import('../store/index.js'),
    import('../progress/reporting.js'),
    import('../progress/values.js'),
    import('../progress/rules-cached.js'),
  ]);
  const rules = await readStatusRules(typeof opts.statusRules === 'string' ? opts.statusRules : undefined);
  const db = store.openDatabase(typeof opts.db === 'string' ? opts.db : 'output/duban.db', { mustExist: true });
  try {
    let periods = store.listPeriods(db);
    if (typeof opts.period === 'string') {
      const wanted = store.parsePeriodId(opts.period).id;
      periods = periods.filter((p) => p.id === wanted);
      if (periods.length === 0) {
        io.err(`数据库中没有报送期 ${wanted}`);
        return EXIT.usage;
      }
    }
    if (periods.length === 0) io.out('数据库中还没有任何报送期（请先用 duban forms 生成反馈表）');
    const md = (iso: string) => chineseDate(iso).replace(/^\d+年/, '');
    for (const p of periods) {
      for (const n of store.noticesForPeriod(db, p.id)) {
        const units = unitReporting(db, n.id, p, rules);
        const onTime = units.filter((u) => u.state === 'on-time');
        const late = units.filter((u) => u.state === 'late');
        const missing = units.filter((u) => u.state === 'missing');
        const partial = units.filter((u) => u.state !== 'missing' && u.reported < u.tasksHeld);
        io.out(`${store.periodLabel(p)}（${p.id}） 通知 ${n.key} 报送截止 ${chineseDate(p.due)}`);
        io.out(`  应报送 ${units.length} 个单位：按时报送 ${onTime.length} 个，逾期报送 ${late.length} 个，未报送 ${missing.length} 个`);
        if (late.length) {
          io.out(`  逾期报送：${late.map((u) => `${u.unit}（${md(u.submitted!)}报送，逾期 ${u.daysLate} 天）`).join('、')}`);
        }
        if (missing.length) io.out(`  未报送：${missing.map((u) => u.unit).join('、')}`);
        if (partial.length) {
          io.out(`  部分任务未填报：${partial.map((u) => `${u.unit}（已报 ${u.reported} 项，应报 ${u.tasksHeld} 项）`).join('、')}`);
        }
        if (onTime.length) io.out(`  按时报送：${onTime.map((u) => u.unit).join('、')}`);
      }
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}
