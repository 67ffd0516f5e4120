/**
 * fontkit and pdfkit, loaded through require after the prelude's stand-ins are in place (see
 * prelude.ts). Every module of duban takes them from here, so that one copy of each is loaded.
 */
import './prelude.js';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

const require = createRequire(import.meta.url);

export const fontkit = require('fontkit') as typeof Fontkit;
export const PDFDocument = require('pdfkit') as typeof PDFKit;
