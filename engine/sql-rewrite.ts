// Dataform core writes BigQuery lexical syntax whatever the engine: backtick identifiers
// (`db.schema.name`) and backslash escapes in string literals ('it\'s'). DuckDB rejects both, so the
// compiled SQL is rewritten token by token: only backtick identifiers and the inside of single-quoted
// literals change; double-quoted identifiers, comments and everything else pass through untouched.

/**
 * `db.schema.name` → "schema"."name". The database part is dropped on purpose: locally there is one
 * database file, and its DuckDB catalog name follows the file name (amt.duckdb → amt), which changes
 * when the file is built under a temporary name and renamed, or attached elsewhere. Views store their
 * SQL, so two-part names keep them valid wherever the file goes.
 */
function quoteIdentifier(path: string): string {
  const parts = path.split(".");
  return parts
    .slice(parts.length === 3 ? 1 : 0)
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join(".");
}

/** Index just past the token opened at `start` and ended by `close` (the text's end if unterminated). */
function endOf(sql: string, start: number, close: string): number {
  const end = sql.indexOf(close, start + 1);
  return end === -1 ? sql.length : end + close.length;
}

/**
 * A BigQuery single-quoted literal starting at `start`, as DuckDB reads it: `\'` becomes `''`; other
 * backslash escapes are copied as they are (DuckDB reads backslashes literally, so keep them out of
 * literals meant for both engines). Returns the rewritten literal and the index after it.
 */
function stringLiteral(sql: string, start: number): { text: string; end: number } {
  let text = "'";
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (char === "\\" && i + 1 < sql.length) {
      text += sql[i + 1] === "'" ? "''" : char + sql[i + 1];
      i += 2;
    } else if (char === "'") {
      // BigQuery has no '' escape, but DuckDB-branch SQL may use it: keep the pair inside the literal.
      if (sql[i + 1] === "'") {
        text += "''";
        i += 2;
        continue;
      }
      return { text: text + "'", end: i + 1 };
    } else {
      text += char;
      i++;
    }
  }
  return { text, end: i };
}

export function toDuckDbSql(sql: string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const char = sql[i];
    const next = sql[i + 1];
    if (char === "'") {
      const literal = stringLiteral(sql, i);
      out += literal.text;
      i = literal.end;
    } else if (char === "`" && sql.includes("`", i + 1)) {
      const close = sql.indexOf("`", i + 1);
      out += quoteIdentifier(sql.slice(i + 1, close));
      i = close + 1;
    } else {
      // Copied verbatim: a double-quoted identifier, a comment, or a plain character.
      const end = char === '"' ? endOf(sql, i, '"') : char === "-" && next === "-" ? endOf(sql, i, "\n") : char === "/" && next === "*" ? endOf(sql, i, "*/") : i + 1;
      out += sql.slice(i, end);
      i = end;
    }
  }
  return out;
}
