import { inferYear, monthNumber, parseIsoTimestamp, utcMs } from './timestamps.js';

/** A leading-timestamp style of plain-text logs. */
export interface TimestampStyle {
  name: string;
  pattern: RegExp;
  toMs(match: RegExpExecArray, windowToMs: number): number | null;
}

function num(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

function fractionMs(value: string | undefined): number {
  return value === undefined ? 0 : Math.floor(Number(`0.${value}`) * 1000);
}

function twoDigitYear(value: string | undefined): number {
  const yy = num(value);
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function clock(match: RegExpExecArray, from: number, year: number, month: number, day: number): number {
  return utcMs(year, month, day, num(match[from]), num(match[from + 1]), num(match[from + 2]), fractionMs(match[from + 3]));
}

export const TIMESTAMP_STYLES: TimestampStyle[] = [
  {
    // 2024-05-01T10:00:00.123Z, 2015-07-29 17:41:44,747, [2024-05-01 10:00:00 +02:00]
    name: 'iso',
    pattern: /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)\]?(?=\s|$)/,
    toMs: (m) => parseIsoTimestamp(m[1] as string),
  },
  {
    // syslog: Jun 14 15:16:01 (no year: taken from the window)
    name: 'syslog',
    pattern: /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?=\s)/,
    toMs: (m, windowToMs) => {
      const month = monthNumber(m[1] as string);
      if (month === null) return null;
      const day = num(m[2]);
      return clock(m, 3, inferYear(month, day, windowToMs), month, day);
    },
  },
  {
    // Apache error log: [Sun Dec 04 04:47:44 2005], [Sun Dec 04 04:47:44.123456 2005]
    name: 'apache-error',
    pattern: /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? (\d{4})\]/,
    toMs: (m) => {
      const month = monthNumber(m[1] as string);
      return month === null ? null : clock(m, 3, num(m[7]), month, num(m[2]));
    },
  },
  {
    // Loghub HDFS: 081109 203615 (YYMMDD HHMMSS)
    name: 'yymmdd',
    pattern: /^(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(?=\s)()/,
    toMs: (m) => clock(m, 4, twoDigitYear(m[1]), num(m[2]), num(m[3])),
  },
  {
    // Spark/log4j: 17/06/09 20:10:40 (YY/MM/DD)
    name: 'yy/mm/dd',
    pattern: /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?=\s)/,
    toMs: (m) => clock(m, 4, twoDigitYear(m[1]), num(m[2]), num(m[3])),
  },
  {
    // Go's log package and others: 2024/05/01 10:00:00.123456
    name: 'yyyy/mm/dd',
    pattern: /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?=\s)/,
    toMs: (m) => clock(m, 4, num(m[1]), num(m[2]), num(m[3])),
  },
];
