import { describe, expect, it } from 'vitest';
import { checkParagraphs, cityWordingLeft, type CheckContext } from '../helpers/document-check.js';

const ctx: CheckContext = { kind: 'letter', year: 2013, source: '到2020年建成。', organ: '某市人民政府督查室', unit: ['市监察局'], file: 'x.docx' };
const good = ['某市人民政府督查室', '某督交〔2013〕1号', '根据平政办〔2013〕11号文件要求，现将任务交办如下。', '到2020年建成。', '某市人民政府督查室', '2014年1月3日', '抄送：市目标办。'];

describe('the document check itself', () => {
  it('passes a clean letter', () => {
    expect(checkParagraphs(good, ctx)).toEqual([]);
  });

  it('finds each kind of fault', () => {
    const found = (extra: string[], over: Partial<CheckContext> = {}) => checkParagraphs([...good, ...extra], { ...ctx, ...over }).join('\n');
    expect(found(['关于落实《》有关任务的交办函'])).toContain('空括号');
    expect(found(['根据（）要求'])).toContain('空括号');
    expect(found(['督交〔〕2号'])).toContain('空括号');
    expect(found(['单位：undefined'])).toContain('null/undefined');
    expect(found(['督交〔2000〕2号'])).toContain('年份 2000');
    expect(found(['依据：reports.late（逾期报送）'])).toContain('代码键名');
    expect(found(['status.已完成'])).toContain('代码键名');
    expect(found(['量化指标：新增企业40家的任务要完成；新增企业40家的任务要完成。'])).toContain('句子重复');
    expect(found(['抄送：市目标办，市监察局。'])).toContain('抄送了收函单位自己');
    expect(checkParagraphs(good, { ...ctx, organ: '别的机关' }).join('')).toContain('版头和落款');
  });

  it('finds 市 wording in a district office’s documents unless the notice has it', () => {
    expect(cityWordingLeft(['报送市政府督查室。'], '区政府')).toHaveLength(1);
    expect(cityWordingLeft(['报送区政府督查室。'], '区政府')).toEqual([]);
  });
});
