import { valueNotJson, valueNotUtf8, valueTruncated } from './dashboard.messages.js';

/** How the record browser shows a value. */
export type ValueFormat = 'text' | 'json' | 'hex';

export const VALUE_FORMATS: readonly ValueFormat[] = ['text', 'json', 'hex'];

/** A value ready to be escaped into a page: the text, the format used, and why if it differs. */
export interface FormattedValue {
  text: string;
  format: ValueFormat;
  note?: string;
}

// A page shows at most this much of one value; the bytes in Kafka are never touched.
export const MAX_SHOWN_BYTES = 64 * 1024;

export function parseValueFormat(format: unknown): ValueFormat {
  return VALUE_FORMATS.includes(format as ValueFormat) ? (format as ValueFormat) : 'text';
}

/** Offset, 16 bytes in hex, and the printable ASCII beside them, like `xxd`. */
export function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A record value as text, pretty JSON or a hex dump. Falls back (JSON -> text -> hex) when the
 * bytes are not what was asked for, and says so. The result is plain text: pages escape it.
 */
export function formatValue(value: Buffer | null, format: ValueFormat): FormattedValue {
  if (value === null) return { text: '(null)', format };
  const shown = value.subarray(0, MAX_SHOWN_BYTES);
  const cut = value.length > shown.length ? valueTruncated(shown.length, value.length) : undefined;
  const withCut = (v: FormattedValue): FormattedValue =>
    cut ? { ...v, note: v.note ? `${v.note}; ${cut}` : cut } : v;
  if (format === 'hex') return withCut({ text: hexDump(shown), format });
  const text = utf8(shown);
  if (text === undefined) return withCut({ text: hexDump(shown), format: 'hex', note: valueNotUtf8() });
  if (format === 'text') return withCut({ text, format });
  try {
    return withCut({ text: JSON.stringify(JSON.parse(text), null, 2), format });
  } catch {
    return withCut({ text, format: 'text', note: valueNotJson() });
  }
}
