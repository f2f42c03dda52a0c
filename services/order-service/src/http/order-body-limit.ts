/**
 * The largest `POST /orders` body the order service reads (413 beyond). The biggest valid order (100
 * lines with 128-character SKUs and ids) is about 20 kB, so 64 kB leaves room for formatting without
 * letting one request make the service read and parse a megabyte.
 */
export const orderBodyLimit = '64kb';
