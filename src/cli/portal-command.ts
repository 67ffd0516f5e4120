import { DubanError, EXIT } from '../model/errors.js';
import type { CliIO } from './io.js';

function option(opts: Record<string, unknown>, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `duban portal links --period 2014-Q1`: one line per unit, name TAB link. */
export async function portalLinksCommand(opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const period = option(opts, 'period');
  if (!period) throw new DubanError('usage', '请用 --period 指定报送期，如 2014-Q1');
  const base = option(opts, 'baseUrl') ?? 'http://127.0.0.1:8080';
  if (!/^https?:\/\/[^\s]+$/i.test(base)) throw new DubanError('usage', `网址“${base}”不对，应以 http:// 或 https:// 开头`);
  const [{ openDatabase }, { issueLinks }, { readStatusRules }, { parsePeriodId }] = await Promise.all([
    import('../store/db.js'),
    import('../serve/access.js'),
    import('../progress/rules-cached.js'),
    import('../store/periods.js'),
  ]);
  const rules = await readStatusRules(option(opts, 'statusRules'));
  const db = openDatabase(option(opts, 'db') ?? 'output/duban.db', { mustExist: true });
  try {
    const links = issueLinks(db, {
      periodId: parsePeriodId(period).id,
      baseUrl: base,
      portalGraceDays: rules.portalGraceDays,
      now: new Date(),
      notice: option(opts, 'notice'),
      unit: option(opts, 'unit'),
    });
    for (const l of links) io.out(`${l.unit}\t${l.url}`);
    io.err(`已生成 ${links.length} 个单位的填报链接，有效至 ${links[0]?.expiresOn ?? '—'}（截止日后 ${rules.portalGraceDays} 天）；数据库只保存链接的哈希值，请妥善分发`);
  } finally {
    db.close();
  }
  return EXIT.ok;
}

/** `duban portal revoke <unit>`: the unit's links stop working. */
export async function portalRevokeCommand(unit: string, opts: Record<string, unknown>, io: CliIO): Promise<number> {
  const [{ openDatabase }, { revokeLinks }, { parsePeriodId }] = await Promise.all([
    import('../store/db.js'),
    import('../serve/access.js'),
    import('../store/periods.js'),
  ]);
  const period = option(opts, 'period');
  const db = openDatabase(option(opts, 'db') ?? 'output/duban.db', { mustExist: true });
  try {
    const r = revokeLinks(db, unit, new Date(), period ? parsePeriodId(period).id : undefined);
    io.out(`已停用${r.unit.name}${period ? ` ${period} ` : ''}的填报链接 ${r.revoked} 个`);
  } finally {
    db.close();
  }
  return EXIT.ok;
}
