/**
 * HTML pages: a Handlebars environment of its own (normal HTML escaping; the document
 * templates' markup environment is never used here), templates from templates/web/, one
 * inline stylesheet whose hash the CSP allows. No scripts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { LIGHT_LABEL, type Light } from '../progress/rules.js';
import { join } from 'node:path';
import { packagePath } from '../util/package-path.js';

export const WEB_TEMPLATES = packagePath('templates', 'web');

export interface Views {
  page(name: string, context: Record<string, unknown>): string;
  /** The CSP source allowing the inline stylesheet. */
  styleHash: string;
}

export function loadViews(dir = WEB_TEMPLATES): Views {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('lightLabel', (l: Light) => LIGHT_LABEL[l] ?? '');
  hb.registerHelper('pct', (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 10) / 10}%` : '—'));
  hb.registerHelper('num', (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v)));
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''));
  hb.registerHelper('lookupField', (obj: Record<string, unknown> | undefined, key: string) => obj?.[key] ?? '');
  const css = readFileSync(join(dir, 'style.css'), 'utf8');
  const styleHash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.hbs')) continue;
    const name = f.slice(0, -4);
    const src = readFileSync(join(dir, f), 'utf8');
    if (name.startsWith('_')) hb.registerPartial(name.slice(1), src);
    else templates.set(name, hb.compile(src, { strict: false }));
  }
  // Handlebars compiles on first use; do it now, not in the first unit's request.
  for (const t of templates.values()) {
    try {
      t({});
    } catch {
      /* a template that needs data still got compiled */
    }
  }
  const layout = templates.get('layout');
  if (!layout) throw new Error('templates/web/layout.hbs missing');
  return {
    styleHash,
    page(name, context) {
      const t = templates.get(name);
      if (!t) throw new Error(`no web template ${name}`);
      const body = t(context);
      return layout({ ...context, css: new hb.SafeString(css), body: new hb.SafeString(body) });
    },
  };
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const LIGHT_COLOR: Record<Light, string> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };

/** A horizontal stacked bar with a legend: parts in order, widths proportional. */
export function stackedBar(title: string, parts: { label: string; value: number; color: string }[], width = 560): string {
  const total = parts.reduce((a, p) => a + p.value, 0) || 1;
  const h = 28;
  let x = 0;
  const rects = parts
    .map((p) => {
      const w = (p.value / total) * width;
      const r = `<rect x="${x.toFixed(1)}" y="22" width="${w.toFixed(1)}" height="${h}" fill="${p.color}"><title>${escapeXml(`${p.label} ${p.value}`)}</title></rect>`;
      const label = w > 28 ? `<text x="${(x + w / 2).toFixed(1)}" y="41" text-anchor="middle" fill="#fff" font-size="13">${p.value}</text>` : '';
      x += w;
      return r + label;
    })
    .join('');
  let lx = 0;
  const legend = parts
    .map((p) => {
      const item = `<rect x="${lx}" y="60" width="12" height="12" fill="${p.color}"/><text x="${lx + 16}" y="71" font-size="13" fill="#333">${escapeXml(`${p.label} ${p.value}`)}</text>`;
      lx += 28 + Array.from(`${p.label} ${p.value}`).length * 11;
      return item;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" width="${width}" height="80" viewBox="0 0 ${width} 80"><text x="0" y="15" font-size="14" font-weight="bold" fill="#333">${escapeXml(title)}</text>${rects}${legend}</svg>`;
}

/** A small coloured disc for a light. */
export function lightDot(light: Light): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14" role="img" aria-label="${LIGHT_LABEL[light]}"><circle cx="7" cy="7" r="6" fill="${LIGHT_COLOR[light]}"/></svg>`;
}
