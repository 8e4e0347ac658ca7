/**
 * Largest catalogue accepted, in UTF-8 bytes (the national one is about 200 kB). Its own
 * module: the pane checks a picked file's size before the catalogue checker is loaded.
 */
export const MAX_CATALOGUE_BYTES = 2 * 1024 * 1024;
