import type { PageSetup, HeaderFooter } from 'exceljs';

/** Print setup of every sheet duban writes (ledger, forms): A4 landscape, fit to width, header rows repeated. */
export function a4LandscapeSetup(printTitlesRow: string): Partial<PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** 第 N 页，共 M 页, centred in the footer. */
export const PAGE_FOOTER: Partial<HeaderFooter> = { oddFooter: '&C第 &P 页，共 &N 页', differentFirst: false, differentOddEven: false };
