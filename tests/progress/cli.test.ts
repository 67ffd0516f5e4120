import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { EXIT } from '../../src/model/errors.js';
import { fillDemoForms } from '../../src/progress/demo.js';
import { openDatabase } from '../../src/store/index.js';
import { editWorkbook } from '../helpers/progress-fixtures.js';

describe('duban forms / progress import / progress status', () => {
  it('runs the follow-up cycle from the command line, in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
    const db = join(dir, 'duban.db');
    const out = join(dir, 'forms');

    const io = recordingIO();
    expect(await run(['forms', 'seeds/ezhou-2014-4.txt', '--period', '2014-Q1', '--db', db, '--out', out], io)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toMatch(/已登记通知 鄂州政办发〔2014〕4号（34 项任务）/);
    expect(io.stdout.join('\n')).toContain('报送截止 2014年4月5日');
    const forms = readdirSync(out).sort();
    expect(forms).toContain('鄂城区-2014-Q1.xlsx');
    expect(forms.length).toBeGreaterThan(60);

    // Running it again registers nothing new and writes the same forms.
    const again = recordingIO();
    expect(await run(['forms', 'seeds/ezhou-2014-4.txt', '--period', '2014-Q1', '--db', db, '--out', out], again)).toBe(EXIT.ok);
    expect(again.stdout[0]).toMatch(/^已登记过通知/);

    // Three units file; one of them spoils a cell.
    const store = openDatabase(db);
    const picked = ['市工商局-2014-Q1.xlsx', '市发改委-2014-Q1.xlsx', '鄂城区-2014-Q1.xlsx'].map((f) => join(out, f));
    const filled = await fillDemoForms(store, picked, join(dir, 'filled'), { profile: { missingForm: 0, lateForm: 0 } });
    store.close();
    const bad = await editWorkbook(filled[1]!.file!, join(dir, 'bad', '市发改委-2014-Q1.xlsx'), (ws) => void (ws.getCell('F6').value = 'abc'));
    const files = [filled[0]!.file!, bad, filled[2]!.file!];

    const imp = recordingIO();
    expect(await run(['progress', 'import', ...files, '--db', db], imp)).toBe(EXIT.content);
    expect(imp.stderr.join('\n')).toContain(`${bad} 工作表“反馈表” 第6行 F6（完成进度(%)）：完成进度“abc”不是数字`);
    expect(imp.stderr.join('\n')).toContain('整个文件未导入');
    expect(imp.stdout.filter((l) => l.includes('：已导入 '))).toHaveLength(2);
    expect(imp.stdout.at(-1)).toBe('共 3 个文件：导入 2 个，跳过 0 个，未导入 1 个');

    // A folder stands for its forms; the ones already imported are skipped.
    const dup = recordingIO();
    expect(await run(['progress', 'import', join(dir, 'filled'), '--db', db], dup)).toBe(EXIT.ok);
    expect(dup.stdout.filter((l) => l.includes('已导入过，跳过'))).toHaveLength(2);
    expect(dup.stdout.filter((l) => l.includes('：已导入 市发改委'))).toHaveLength(1);

    const st = recordingIO();
    expect(await run(['progress', 'status', '--period', '2014-Q1', '--db', db], st)).toBe(EXIT.ok);
    const text = st.stdout.join('\n');
    expect(text).toContain('2014年第一季度（2014-Q1） 通知 鄂州政办发〔2014〕4号 报送截止 2014年4月5日');
    expect(text).toMatch(/按时报送 3 个，逾期报送 0 个，未报送 \d+ 个/);
    expect(text).toMatch(/未报送：.*市商务局/);
    expect(text).not.toMatch(/未报送：.*市发改委/);
    expect(text).toMatch(/按时报送：市工商局、市发改委、鄂城区/);

    const none = recordingIO();
    expect(await run(['progress', 'status', '--period', '2014-Q3', '--db', db], none)).toBe(EXIT.usage);
    expect(none.stderr[0]).toContain('没有报送期 2014-Q3');
    const nodb = recordingIO();
    expect(await run(['progress', 'import', files[0]!, '--db', join(dir, 'none.db')], nodb)).toBe(EXIT.input);
    expect(nodb.stderr[0]).toContain('数据库文件不存在');
    const badPeriod = recordingIO();
    expect(await run(['forms', 'seeds/ezhou-2014-4.txt', '--period', '2014-Q5', '--db', db, '--out', out], badPeriod)).toBe(EXIT.usage);
    expect(badPeriod.stderr[0]).toContain('报送期“2014-Q5”格式不对');
  });
});
