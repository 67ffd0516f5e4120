/**
 * fontkit and pdfkit, loaded through require after the prelude's stand-ins are in place (see
 * prelude.ts). Every module of duban takes them from here, so that one copy of each is loaded.
 */
import './prelude.js';
import Module, { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import type * as Fontkit from 'fontkit';
import type PDFKit from 'pdfkit';
import { deflateLikeSync } from '../pdf/deflate.js';

const require = createRequire(import.meta.url);

export const fontkit = require('fontkit') as typeof Fontkit;
export const PDFDocument = withZlib({ ...zlib, deflateSync: deflateLikeSync }, () => require('pdfkit') as typeof PDFKit);

/**
 * Loads a library with `require('zlib')` answered by `stand`: CommonJS looks a module up in its
 * cache before it takes the built-in one of that name (not for `node:zlib`). Only what loads
 * meanwhile sees it: pdfkit keeps the module it was given and calls its deflateSync.
 */
function withZlib<T>(stand: object, load: () => T): T {
  const cache = require.cache;
  if (cache.zlib) return load();
  const mod = new Module('zlib');
  mod.exports = stand;
  mod.loaded = true;
  cache.zlib = mod;
  try {
    return load();
  } finally {
    delete cache.zlib;
  }
}
