const T0 = performance.now(); const lap=(s)=>console.error(s.padEnd(28), (performance.now()-T0).toFixed(0));
const d = (p) => '/work/main/dist/'+p;
await import(d('cli/commands.js')); lap('cli modules');
const { loadNotice } = await import(d('load/notice-source.js')); lap('load modules');
const { notice } = await loadNotice('/work/main/seeds/ezhou-2014-4.txt', {}); lap('notice parsed');
const { chooseOffice } = await import(d('office/choose.js')); const { office } = await chooseOffice(notice); lap('office');
const { buildLetterContext, receivingUnits } = await import(d('letters/context.js'));
const { renderTemplate } = await import(d('render/template.js'));
const { templatePath } = await import(d('render/output.js')); lap('template modules');
const us = receivingUnits(notice);
const trees = us.slice(0,1).map((u, i) => renderTemplate(templatePath('letter.hbs'), buildLetterContext(notice, u, { seq: i + 1, office }))); lap('1 tree');
await import(d('render/fonts/prelude.js')); lap('prelude');
await import('fontkit'); lap('fontkit');
await import('pdfkit'); lap('pdfkit');
const { writePdf } = await import(d('render/pdf/write.js')); lap('pdf modules');
const { loadFonts, prefetchSystemFonts } = await import(d('render/fonts/fonts.js')); await prefetchSystemFonts(); lap('fc-list');
const fonts = loadFonts(); lap('loadFonts');
for (const f of Object.values(fonts.faces)) { void f.font; lap('font '+f.label); }
writePdf(trees[0], fonts); lap('first pdf');
