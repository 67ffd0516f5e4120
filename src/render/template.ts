import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { cacheKey, readCache, writeCache } from '../util/cache.js';
import { installedVersion } from '../util/package-path.js';
import type { DocTree } from '../model/doc.js';
import { DubanError, isDubanError } from '../model/errors.js';
import { MarkupError } from './markup/errors.js';
import { parseMarkup } from './markup/parse.js';

/** Largest markup a template may produce. */
export const MAX_OUTPUT = 20 * 1024 * 1024;
/** Deepest nesting of partials (a partial that includes itself must stop somewhere). */
export const MAX_PARTIAL_DEPTH = 32;
/** Most partial calls in one rendering. */
export const MAX_PARTIAL_CALLS = 100_000;

type HB = typeof Handlebars;

const require = createRequire(import.meta.url);
/**
 * Handlebars' runtime alone: templates come compiled from the cache (see compileSource). Its
 * single-file build, the same code as `handlebars/runtime` in one file instead of some twenty.
 */
const runtime = (): HB => require('handlebars/dist/handlebars.runtime.js') as HB;
/** The whole of Handlebars (parser, compiler; some 700 kB of source), for a template not yet cached. */
const compiler = (): HB => require('handlebars') as HB;
const COMPILE_OPTIONS = { strict: true, noEscape: false } as const;
type TemplateSpec = Parameters<HB['template']>[0];

export interface CompiledTemplate {
  file: string;
  /** The markup the template produces for `data` (for debugging and tests). */
  markup(data: unknown): string;
  /** The document tree for `data`. */
  tree(data: unknown): DocTree;
}

interface Source {
  file: string;
  text: string;
}

interface Env {
  hb: HB;
  partials: Source[];
  /** Per-rendering counters, reset by each top-level call. */
  state: { depth: number; calls: number; bytes: number };
}

const envs = new Map<string, Env>();
const compiled = new Map<string, CompiledTemplate>();

/**
 * Compiles a template once per process. Handlebars runs in strict mode (a misspelt field is an
 * error, not an empty string) in an environment of its own, with partials from the template's
 * `partials/` folder and the helpers cn-num, cn-date, join, inc, eq. `{{value}}` escapes data, so
 * a unit called "A<B>&{{C}}" reaches the document literally; `{{{value}}}` and `{{&value}}`, which
 * would let data write markup, are refused when the template is compiled.
 */
export function compileTemplate(path: string): CompiledTemplate {
  const file = resolve(path);
  const hit = compiled.get(file);
  if (hit) return hit;
  const text = readSource(file);
  const env = environment(dirname(file));
  const render = compileSource(env, { file, text });
  const markup = (data: unknown): string => {
    env.state = { depth: 0, calls: 0, bytes: 0 };
    let out: string;
    try {
      out = render(data);
    } catch (e) {
      throw toDubanError(e, file);
    }
    if (out.length > MAX_OUTPUT) throw new DubanError('limit', `模板输出超过 ${MAX_OUTPUT / 1024 / 1024} MB`, { file });
    return out;
  };
  const tpl: CompiledTemplate = {
    file,
    markup,
    tree: (data) => {
      const out = markup(data);
      try {
        return parseMarkup(out, file);
      } catch (e) {
        if (e instanceof MarkupError) throw placeInTemplate(e, [{ file, text }, ...env.partials]);
        throw e;
      }
    },
  };
  compiled.set(file, tpl);
  return tpl;
}

/** Renders a template with its data into a document tree. */
export function renderTemplate(templatePath: string, data: unknown): DocTree {
  return compileTemplate(templatePath).tree(data);
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new DubanError('config', '模板文件不存在或无法读取', { file });
  }
}

function environment(dir: string): Env {
  let env = envs.get(dir);
  if (env) return env;
  const hb = runtime().create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  env = { hb, partials: [], state: { depth: 0, calls: 0, bytes: 0 } };
  const partialDir = join(dir, 'partials');
  if (existsSync(partialDir)) {
    for (const name of readdirSync(partialDir).sort()) {
      if (!name.endsWith('.hbs')) continue;
      const src = { file: join(partialDir, name), text: readSource(join(partialDir, name)) };
      env.partials.push(src);
      registerPartial(env, basename(name, '.hbs'), src);
    }
  }
  envs.set(dir, env);
  return env;
}

function registerPartial(env: Env, name: string, src: Source): void {
  const render = compileSource(env, src);
  const guarded = (context: unknown, options: Handlebars.RuntimeOptions): string => {
    const s = env.state;
    if (++s.calls > MAX_PARTIAL_CALLS) throw new DubanError('limit', `模板调用子模板超过 ${MAX_PARTIAL_CALLS} 次`, { file: src.file });
    if (++s.depth > MAX_PARTIAL_DEPTH) throw new DubanError('limit', `子模板嵌套超过 ${MAX_PARTIAL_DEPTH} 层（是否自己调用了自己？）`, { file: src.file });
    try {
      const out = render(context, options);
      s.bytes += out.length;
      if (s.bytes > MAX_OUTPUT) throw new DubanError('limit', `模板输出超过 ${MAX_OUTPUT / 1024 / 1024} MB`, { file: src.file });
      return out;
    } catch (e) {
      throw toDubanError(e, src.file);
    } finally {
      s.depth--;
    }
  };
  env.hb.registerPartial(name, guarded as unknown as Handlebars.Template);
}

/**
 * A template's render function. Handlebars compiles a template to JavaScript source (its
 * "precompiled" form); that source is cached by the template's text and Handlebars' version, so
 * a run whose templates are unchanged loads only Handlebars' runtime. Only a template that passed
 * the checks below is cached; the render function is the same either way.
 */
function compileSource(env: Env, src: Source): Handlebars.TemplateDelegate {
  const key = cacheKey(HANDLEBARS_KEY, JSON.stringify(COMPILE_OPTIONS), src.text);
  const cached = readCache('templates', `${key}.js`, 'utf8');
  if (cached !== null) {
    try {
      return env.hb.template(specOf(cached));
    } catch {
      // A damaged cache entry: compile again below.
    }
  }
  const hbc = compiler();
  let ast: hbs.AST.Program;
  try {
    ast = hbc.parse(src.text);
  } catch (e) {
    throw toDubanError(e, src.file);
  }
  const raw = findUnescaped(ast);
  if (raw) {
    throw new DubanError('config', '模板不允许使用 {{{…}}} 或 {{&…}} 输出不转义的数据，请改用 {{…}}', { file: src.file, line: raw });
  }
  let spec: string;
  try {
    spec = hbc.precompile(ast, COMPILE_OPTIONS) as unknown as string;
  } catch (e) {
    throw toDubanError(e, src.file);
  }
  writeCache('templates', `${key}.js`, spec);
  return env.hb.template(specOf(spec));
}

const HANDLEBARS_KEY = `handlebars-${installedVersion('handlebars') ?? ''}`;

/** The template specification a precompiled template's source describes. */
function specOf(source: string): TemplateSpec {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(`return (${source});`)() as TemplateSpec;
}

/** Line of the first {{{x}}} / {{&x}} in a template, or 0. */
function findUnescaped(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } } } & Record<string, unknown>;
  if (n.type === 'MustacheStatement' && n.escaped === false) return n.loc?.start.line ?? 1;
  for (const key of ['body', 'program', 'inverse']) {
    const child = n[key];
    if (Array.isArray(child)) {
      for (const c of child) {
        const line = findUnescaped(c);
        if (line) return line;
      }
    } else if (child) {
      const line = findUnescaped(child);
      if (line) return line;
    }
  }
  return 0;
}

/** Turns Handlebars' errors (parse errors, strict-mode misses, helper failures) into one-line Chinese ones. */
function toDubanError(e: unknown, file: string): DubanError {
  if (isDubanError(e)) {
    return e.place.file ? e : new DubanError(e.kind, e.message, { ...e.place, file });
  }
  if (e instanceof RangeError) return new DubanError('limit', '模板递归过深或数据嵌套过深', { file });
  const msg = e instanceof Error ? e.message : String(e);
  const lineMatch = /on line (\d+)/.exec(msg) ?? / - (\d+):\d+/.exec(msg);
  const excLine = (e as { lineNumber?: unknown }).lineNumber;
  const line = typeof excLine === 'number' ? excLine : lineMatch ? Number(lineMatch[1]) : undefined;
  const missing = /^"?([^"]+)"? not defined in/.exec(msg);
  if (missing) return new DubanError('config', `模板引用了数据中没有的字段“${missing[1]}”`, { file, line });
  const helper = /Missing helper: "([^"]+)"/.exec(msg);
  if (helper) return new DubanError('config', `模板使用了不存在的助手“${helper[1]}”`, { file, line });
  const partial = /The partial (\S+) could not be found/.exec(msg);
  if (partial) return new DubanError('config', `找不到子模板“${partial[1]}”（应在 partials/${partial[1]}.hbs）`, { file, line });
  if (/Parse error|Expecting|doesn't match/.test(msg)) {
    const detail = msg.split('\n').pop()?.trim() ?? '';
    return new DubanError('config', `模板语法错误（${detail.slice(0, 80)}）`, { file, line });
  }
  return new DubanError('config', `模板出错（${msg.split('\n')[0]!.slice(0, 120)}）`, { file, line });
}

/**
 * A markup error is found in the expanded output; the template line is what the user can fix,
 * so the offending tag or attribute is looked up in the template and its partials.
 */
function placeInTemplate(e: MarkupError, sources: Source[]): DubanError {
  const token = e.token.trim();
  if (token) {
    for (const src of sources) {
      const lines = src.text.split('\n');
      const idx = lines.findIndex((l) => l.includes(token));
      if (idx >= 0) return new DubanError('config', `${e.message}（生成结果第${e.markupLine}行）`, { file: src.file, line: idx + 1 });
    }
  }
  return new DubanError('config', `${e.message}（生成结果第${e.markupLine}行）`, { file: sources[0]!.file });
}

const DIGITS = '零一二三四五六七八九';
const UNITS = ['', '十', '百', '千'];

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (for 一、二、… and （一）). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new DubanError('config', `cn-num 只能转换 0–9999 的整数，不能是“${n}”`);
  if (n === 0) return DIGITS[0]!;
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += DIGITS[0];
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]) + unit;
  });
  return out;
}

/** 2014-01-13 (or a Date) → 2014年1月13日, the form the standard prescribes for 成文日期. */
export function chineseDateHelper(value: unknown): string {
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso.trim());
  if (!m) throw new DubanError('config', `cn-date 需要 2014-01-13 这样的日期，不能是“${iso}”`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

function isOptions(x: unknown): x is HelperOptions {
  return typeof x === 'object' && x !== null && 'hash' in x && 'data' in x;
}

/** The helpers templates may use; their results are escaped like any {{value}}. */
export const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  'cn-num': (n: unknown) => chineseNumber(Number(n)),
  'cn-date': (d: unknown) => chineseDateHelper(d),
  join: (list: unknown, sep: unknown) => {
    const separator = isOptions(sep) || sep === undefined ? '、' : String(sep);
    return Array.isArray(list) ? list.map((x) => String(x)).join(separator) : String(list ?? '');
  },
  inc: (n: unknown) => Number(n) + 1,
  eq: (a: unknown, b: unknown) => a === b,
};
