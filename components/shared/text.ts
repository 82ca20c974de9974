/**
 * A masked value or a phone number as one unbreakable piece inside a sentence: its spaces become
 * no-break spaces and its hyphens no-break hyphens, so `+86 138****5678` never splits across lines.
 */
export const unbreakable = (text: string): string => text.replace(/ /g, '\u00a0').replace(/-/g, '\u2011');
