/** Small, pure formatting helpers shared by the offline helper, the renderer and the postmortem. */

export function percent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function ms(value: number | null): string {
  if (value === null) return 'n/a';
  return value >= 1000 ? `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} s` : `${Math.round(value)} ms`;
}

/** `42 min`, `3 h 5 min`, `2 d 4 h`: how long between two instants, for people. */
export function humanDuration(millis: number): string {
  const minutes = Math.round(Math.abs(millis) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** `before`/`after` a reference instant, in words: "35 min before the onset". */
export function relativeTo(time: string, reference: string, label: string): string {
  const delta = Date.parse(time) - Date.parse(reference);
  return `${humanDuration(delta)} ${delta <= 0 ? 'before' : 'after'} ${label}`;
}

/** `2026-03-14 03:12` (UTC): the form times take in postmortems and timelines. */
export function utcMinute(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function truncate(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}
