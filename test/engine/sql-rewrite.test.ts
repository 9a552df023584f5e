import { toDuckDbSql } from "../../engine/sql-rewrite.js";

describe("BigQuery lexical syntax rewritten for DuckDB", () => {
  test.each([
    ["three-part backtick names lose the database", "SELECT * FROM `amt.analytics.dim_student` s", 'SELECT * FROM "analytics"."dim_student" s'],
    ["two- and one-part names are kept", "FROM `edfi_staging.students` JOIN `t`", 'FROM "edfi_staging"."students" JOIN "t"'],
    ["a project id with a dash", "FROM `edfi-amt.edfi_staging.students`", 'FROM "edfi_staging"."students"'],
    ["a backslash-escaped quote", "SELECT 'it\\'s' AS x", "SELECT 'it''s' AS x"],
    ["escaped quotes next to the opening and closing ones", "SELECT '\\'quoted\\''", "SELECT '''quoted'''"],
    ["the rowConditions assertion literal", "'birth_date > DATE \\'1900-01-01\\'' AS failing_row_condition", "'birth_date > DATE ''1900-01-01''' AS failing_row_condition"],
    ["an empty literal", "SELECT '' AS a, 'b' AS b", "SELECT '' AS a, 'b' AS b"],
    ["a doubled quote stays one literal", "SELECT 'it''s `x`'", "SELECT 'it''s `x`'"],
    ["backticks inside literals are text", "SELECT 'see `a.b.c`' FROM `a.b.c`", "SELECT 'see `a.b.c`' FROM \"b\".\"c\""],
    ["an escaped backslash ends before the quote", "SELECT 'a\\\\' , `s.t`", "SELECT 'a\\\\' , \"s\".\"t\""],
    ["line comments are untouched", "SELECT 1 -- don't `x`\nFROM `s.t`", "SELECT 1 -- don't `x`\nFROM \"s\".\"t\""],
    ["block comments are untouched", "/* it's `x` */ SELECT `s.t`", "/* it's `x` */ SELECT \"s\".\"t\""],
    ["double-quoted identifiers are untouched", 'SELECT "it\'s" FROM `s.t`', 'SELECT "it\'s" FROM "s"."t"'],
    ["a minus is not a comment", "SELECT 3-1, `t`", 'SELECT 3-1, "t"'],
    ["an unterminated backtick is left for DuckDB to report", "SELECT `oops", "SELECT `oops"],
  ])("%s", (_name, sql, expected) => {
    expect(toDuckDbSql(sql)).toBe(expected);
  });
});
