/*
 * C0 and C1 control characters and DEL, but not tab, line feed or carriage return: those are ordinary
 * whitespace in pasted text. PostgreSQL refuses NUL in text outright (a 500 if it reached a query), and
 * the others have no meaning in a question or a query, only in terminal and log tricks.
 */
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** True when `text` holds a control character other than tab, line feed and carriage return. */
export const hasControlCharacters = (text: string): boolean => controlCharacter.test(text)
