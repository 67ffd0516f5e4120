/** Largest input file accepted, in bytes. Real notices are well under 1 MB; 20 MB keeps a stray video out. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** Largest `word/document.xml` we inflate: guards against zip bombs disguised as .docx. */
export const MAX_DOCX_XML_BYTES = 100 * 1024 * 1024;
