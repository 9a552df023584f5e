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

/**
 * The parent records of the child collections among `inputs` whose parent table is not given: the AMT reads
 * a collection's rows of the parent records it keeps (amt.source), and a test of the rows alone means
 * their parents, as the rows name them (parent_id, school_year and the parent's natural key).
 */
function parentsOf(inputs) {
  const { parentOf } = require("./amt");
  const parents = {};
  for (const [table, query] of Object.entries(inputs)) {
    const of = parentOf(table);
    if (!of || of.parent in inputs) continue;
    const columns = ["parent_id AS id", "school_year", ...of.key].join(", ");
    parents[of.parent] = [...(parents[of.parent] || []), `SELECT ${columns} FROM (${query}) AS c`];
  }
  return Object.fromEntries(Object.entries(parents).map(([parent, queries]) => [parent, `SELECT DISTINCT * FROM (${queries.join("\nUNION ALL\n")}) AS p`]));
}

/** A unit test of AMT model `model`; inputs by table name (a child collection's parents derived when not given). */
function declareTest(name, model, inputs, expected) {
  const t = test(name).dataset({ schema: schemaOf(model), name: model });
  Object.entries({ ...inputs, ...parentsOf(inputs) }).forEach(([table, query]) => t.input([schemaOf(table), table], query));
  t.expect(expected);
}

// The collections of student education organization associations that the demographics read
// (amt.seoaDemographics), with the columns each adds to the parent's key.
const SEOA = "stg_student_education_organization_associations";
const SEOA_DEMOGRAPHICS = {
  cohort_years: ["cohort_school_year", "cohort_year_type_descriptor"],
  disabilities: ["disability_descriptor"],
  disability_designations: ["disability_designation_descriptor"],
  languages: ["language_descriptor"],
  language_uses: ["language_use_descriptor"],
  races: ["race_descriptor"],
  tribal_affiliations: ["tribal_affiliation_descriptor"],
  characteristics: ["student_characteristic_descriptor", "student_characteristic_descriptor_uri"],
  characteristic_periods: ["student_characteristic_descriptor_uri", "end_date"],
};

/** Inputs of a demographics test: the rows of some SEOA collections (by collection name), the others empty. */
function seoaDemographics(given) {
  return Object.fromEntries(
    Object.entries(SEOA_DEMOGRAPHICS).map(([child, columns]) => [
      `${SEOA}__${child}`,
      given[child] || rows([], ["parent_id", "school_year", "education_organization_id", "student_unique_id", ...columns]),
    ]),
  );
}

module.exports = { sql, date, timestamp, none, asOfPlus, rows, declareTest, seoaDemographics };
