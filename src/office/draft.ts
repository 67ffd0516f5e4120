/**
 * Drafts office settings from a notice (`duban office init`, and the stand-in used when no
 * settings file matches a notice): the place and level from the issuer or title (else the
 * unit directory, else --city/--level), the 代字 from the 文号's organ abbreviation (平 of
 * 平政办〔2013〕11号), copy lists of the usual shape for the level, and the body that holds
 * units to account by the year (监察委员会 since the 2018 reform, 监察局 before). What cannot be
 * derived is refused with the flag that supplies it — a draft never holds a hole.
 */
import { DubanError } from '../model/errors.js';
import type { Notice } from '../model/notice.js';
import type { OfficeFile } from './settings.js';
import { LEVELS, type Level } from './types.js';

export interface DraftOptions {
  city?: string;
  level?: string;
}

/** 平 of 平政办〔2013〕11号, 鄂州 of 鄂州政办发〔2014〕4号, 粤 of 粤府〔2021〕22号. */
export function docNumberAbbreviation(docNumber: string | null): { abbr: string; organ: string } | null {
  const m = /^(\p{Script=Han}+?)[〔]/u.exec(docNumber ?? '');
  if (!m) return null;
  const organ = m[1]!;
  const abbr = organ.replace(/[省市县区]?(?:政办发|政办函|政辦發|政辦|政办|政发|政發|府办发|府辦發|府办函|府办|府辦|府发|府發|府函|府|政)$/u, '');
  return abbr && abbr !== organ ? { abbr, organ } : null;
}

function isLevel(s: string): s is Level {
  return (LEVELS as readonly string[]).includes(s);
}

const SUPERVISION = /督查室|督查处|督办室|督查局|督查科|督办处/;

/** The settings a notice implies; DubanError('usage') naming the flag when the place is unknown. */
export function draftOffice(notice: Notice, opts: DraftOptions = {}): OfficeFile {
  const m = notice.meta;
  const city = (opts.city ?? m.city ?? '').replace(/[省市县区]$/, '').trim();
  const levelText = (opts.level ?? m.level ?? '').trim();
  if (!city) throw new DubanError('usage', '无法从通知推定发文机关所在地（城市或区县名称）：请用 --city 指定，如 --city 平顶山');
  if (!isLevel(levelText)) throw new DubanError('usage', `无法从通知推定行政层级：请用 --level 指定（省、市、县或区）`);
  const level: Level = levelText;
  const year = m.year ?? null;
  const abbreviation = docNumberAbbreviation(m.docNumber);
  const abbr = abbreviation?.abbr ?? city;
  const gov = `${level}人民政府`;
  const plan = notice.planRecipient && SUPERVISION.test(notice.planRecipient) ? notice.planRecipient : null;
  const inText = plan ? plan.replace(/^.*?(?=[省市县区](?:人民)?政府)/u, '').replace(/^([省市县区])人民政府/u, '$1政府') : `${level}政府督查室`;
  const name = `${city}${inText.replace(/^([省市县区])政府/u, '$1人民政府')}`;
  const accountability = year !== null && year >= 2018 ? `${level}监察委员会` : level === '省' ? '省监察厅' : `${level}监察局`;
  const issuer = m.issuer ? m.issuer.replace(new RegExp(`^${city}(?=[省市县区])`), '') : null;
  const officeWord = level === '省' ? '办公厅' : '办公室';
  const circularCc = [`${level}委${officeWord}`, `${level}人大常委会${officeWord}`, `${level}政协${officeWord}`];
  const recipients = m.recipients.length ? m.recipients.join('，') : `${level}政府各部门`;
  return {
    area: { name: city, level, docNumberPrefixes: abbreviation ? [abbreviation.organ] : [] },
    office: { name, inText },
    letters: { prefix: `${abbr}督交`, firstNumber: 1, cc: [...new Set([...(issuer ? [issuer] : []), `${level}目标办`, accountability])] },
    circular: { prefix: `${abbr}督通`, firstNumber: 1, cc: circularCc },
    reports: { receiver: notice.planRecipient ?? inText },
    accountability,
    evaluation: {
      organ: `${city}${gov}目标责任考核办公室`,
      prefix: `${abbr}目考办发`,
      number: 1,
      recipients,
      cc: [...circularCc, accountability],
    },
  };
}

const q = (s: string) => JSON.stringify(s);
const list = (xs: readonly string[]) => `[${xs.map(q).join(', ')}]`;

/** The settings as a commented YAML file (Chinese comments), loadable by loadOfficeSettings. */
export function officeYaml(o: OfficeFile, source: string): string {
  return `# ${o.office.name}：督查办公室设置
#
# 本文件由 duban office init 根据 ${source} 起草，请逐项核对后使用。交办函、督查通报、
# 年度考核通报的版头、落款、发文字号、抄送、问责机关都取自这里，模板中不写机关名称。
# 通知的文号代字（docNumberPrefixes）或地名出现在通知中时自动选用本文件，也可用 --office 指定。
# 冒号后要有一个空格；缩进只能用空格；名称列表写成 ["甲", "乙"]。

# 行政区域
area:
  name: ${q(o.area.name)}            # 地名，不带“省”“市”“县”“区”
  level: ${q(o.area.level)}                # 层级：省、市、县或区
  docNumberPrefixes: ${list(o.area.docNumberPrefixes)}   # 本地通知文号的代字，用于自动选用本文件

# 发文机关
office:
  name: ${q(o.office.name)}     # 发文机关标志（版头）和落款
  inText: ${q(o.office.inText)}       # 正文中对本机关的称谓

# 交办函：发文字号为“代字〔年份〕序号号”，序号按单位顺序从 firstNumber 起编
letters:
  prefix: ${q(o.letters.prefix)}
  firstNumber: ${o.letters.firstNumber}
  cc: ${list(o.letters.cc)}   # 抄送机关（不会抄送给收函单位自己）

# 督查通报：序号为报送期的季度或月份序号，从 firstNumber 起编
circular:
  prefix: ${q(o.circular.prefix)}
  firstNumber: ${o.circular.firstNumber}
  cc: ${list(o.circular.cc)}

# 实施方案和进展情况报送的机关（通知中写明的，以通知为准）
reports:
  receiver: ${q(o.reports.receiver)}

# 对工作不力单位启动问责程序的机关（2018 年起为监察委员会）
accountability: ${q(o.accountability)}

# 年度考核结果通报
evaluation:
  organ: ${q(o.evaluation.organ)}     # 考核机关（版头和落款）
  prefix: ${q(o.evaluation.prefix)}           # 考核通报代字
  number: ${o.evaluation.number}                       # 考核通报序号
  recipients: ${q(o.evaluation.recipients)}
  cc: ${list(o.evaluation.cc)}
`;
}
