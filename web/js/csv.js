// CSV files the page offers for download (radius, area and shelter results, allocations): RFC 4180
// quoting, CRLF line ends and a UTF-8 byte-order mark, so that Excel reads Chinese text as UTF-8.

// Text a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a leading '
// (OWASP "CSV Injection"), so Excel shows it as typed; numbers are written as they are, so -3.5 stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text guarded against formulas; quoted when it holds a comma, a quote or a line break, its quotes doubled; null and undefined are empty. */
export function csvCell(value) {
  const s = value === undefined || value === null ? '' : typeof value === 'number' ? String(value) : guardFormula(String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** {@code s} with a leading ' when a spreadsheet would take it for a formula. */
function guardFormula(s) {
  return FORMULA_START.test(s) ? "'" + s : s;
}

/** The header and the rows (arrays of values) as CSV text, each line ended by CRLF. */
export function csvText(header, rows) {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** Offers {@code text} as the download {@code filename}, with a byte-order mark first. */
export function offerCsv(filename, text) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the download has taken the blob by the next turn of the event loop; a second later is safely after
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
