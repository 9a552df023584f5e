// Small builders for the AMT unit tests (definitions/tests/amt_tests.js): input and expected tables
// written as rows of JS values, so a scenario reads like a table.
const d = require("./dialect");

/** Raw SQL for a value (an expression rather than a literal). */
const sql = (text) => ({ sql: text });
const date = (text) => sql(`DATE ${d.quote(text)}`);
const timestamp = (text) => sql(`TIMESTAMP ${d.quote(text)}`);
/** A typed NULL, where the column's type matters (dates formatted by the model). */
const none = (type) => sql(d.typedNull(type));
/** The run's as-of date moved by `days`, for the current-enrollment boundaries. */
const asOfPlus = (days) => sql(`CAST(DATE_ADD(${d.asOfDate()}, INTERVAL ${days} DAY) AS DATE)`);

function literal(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "object") return value.sql;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return d.quote(value);
}

/** A table of `rows` (objects); with no rows, the `columns` of an empty table. */
function rows(list, columns) {
  if (!list.length) return `SELECT ${columns.map((c) => `NULL AS ${c}`).join(", ")} FROM (SELECT 1 AS x) AS no_rows WHERE FALSE`;
  return list.map((row) => `SELECT ${Object.entries(row).map(([name, value]) => `${literal(value)} AS ${name}`).join(", ")}`).join("\nUNION ALL\n");
}

/** Schema of a table the AMT models read or write: staging, an AMT view (or its definition), or analytics_config. */
function schemaOf(table) {
  const { CONFIG, ANALYTICS, views } = require("./amt");
  if (table.startsWith("stg_")) return require("./staging").STAGING_SCHEMA;
  const view = views[table.replace(/__definition$/, "")];
  return view ? view.schema || ANALYTICS : CONFIG;
}

/** A unit test of AMT model `model`; inputs by table name. */
function declareTest(name, model, inputs, expected) {
  const t = test(name).dataset({ schema: schemaOf(model), name: model });
  Object.entries(inputs).forEach(([table, query]) => t.input([schemaOf(table), table], query));
  t.expect(expected);
}

module.exports = { sql, date, timestamp, none, asOfPlus, rows, declareTest };
