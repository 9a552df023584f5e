// Secret scrubbing for anything the API client lets out (error messages, causes, retry events, URLs).
// Known secrets (client secret, Basic credentials, every bearer token held) are masked wherever they
// occur, in plain and URL-encoded form; credentials in the usual places are masked even when unknown.

const MASK = "***";

const PATTERNS: [RegExp, string][] = [
  // Authorization header values: `Bearer <token>`, `Basic <base64>`.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  // Credentials in query strings or form bodies.
  [/\b(access_token|client_secret|password)=[^&\s#]*/gi, `$1=${MASK}`],
  // user:password@ in URLs.
  [/(\/\/[^/\s:@]*:)[^/\s@]*@/g, `$1${MASK}@`],
];

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = secrets.filter((s) => s !== "").flatMap((s) => [s, encodeURIComponent(s)]);
  // Longest first, so that a secret containing another is masked whole.
  for (const secret of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
