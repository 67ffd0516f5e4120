/**
 * exceljs, loaded from its single-file build. The package's Node entry (excel.js) requires some
 * hundreds of modules, which took a ledger or forms run longer to load than to write its
 * workbooks; the single-file build is the same exceljs 4 code (its zip writer is JSZip in both)
 * and loads in a fraction of the time. Every workbook is re-packed by office-zip.ts anyway, and
 * the tests compare what both builds write.
 */
import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';

export type * from 'exceljs';

const require = createRequire(import.meta.url);

const loaded = require('exceljs/dist/exceljs.min.js') as typeof ExcelJSModule;

/** Use as `import * as ExcelJS from '../util/exceljs.js'`, like the package itself. */
export const Workbook = loaded.Workbook;
export type Workbook = ExcelJSModule.Workbook;
