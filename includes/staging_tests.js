// Dataform unit tests for the generated staging models (definitions/tests/staging_tests.js), built from
// the same column specs as the models: sample records in the lake's line format go in, and the typed
// rows the model must return come out. The scenario covers the lake contract's current-row rules.
const d = require("./dialect");
const staging = require("./staging");

const YEAR = 2025;

/** Variant n of a column's value: the JSON the API sends and the SQL of the typed staging value(s). */
function sample(column, n) {
  const text = (value) => d.quote(value);
  switch (column.type) {
    case "int":
      return { json: 100 + n, sql: [d.toInt(text(100 + n))] };
    case "decimal":
      return { json: n + 0.5, sql: [d.toDecimal(text(n + 0.5))] };
    case "bool":
      return { json: n % 2 === 0, sql: [d.toBool(text(n % 2 === 0))] };
    case "date":
      return { json: `2024-08-1${n}`, sql: [d.toDate(text(`2024-08-1${n}`))] };
    case "timestamp":
      return { json: `2025-04-1${n}T09:00:00Z`, sql: [d.toTimestamp(text(`2025-04-1${n}T09:00:00Z`))] };
    case "descriptor": {
      const uri = `uri://ed-fi.org/${column.name}#Code ${n}`;
      return { json: uri, sql: [text(`Code ${n}`), text(uri)] };
    }
    default:
      return { json: `${column.name}-${n}`, sql: [text(`${column.name}-${n}`)] };
  }
}

function setPath(target, path, value) {
  const segments = path.split(".");
  let node = target;
  for (const segment of segments.slice(0, -1)) node = node[segment] = node[segment] || {};
  node[segments[segments.length - 1]] = value;
}

/** Variant n of a record with the given columns; `ds4` writes renamed fields under their DS 4 names. */
function sampleRecord(columns, n, ds4) {
  const record = {};
  for (const column of columns) setPath(record, ds4 && column.ds4Path ? column.ds4Path : column.path, sample(column, n).json);
  return record;
}

/** Two sample elements (variants n and n + 1) of the collection at the end of `chain`, nested collections included. */
function sampleArray(entry, chain, n) {
  const { columns } = staging.childLevels(entry, chain)[chain.length - 1];
  const nested = chain[chain.length - 1].children || [];
  return [n, n + 1].map((variant) => {
    const element = sampleRecord(columns, variant);
    for (const child of nested) setPath(element, child.path, sampleArray(entry, [...chain, child], variant));
    return element;
  });
}

/** SQL of a sample collection as the parent's staging table keeps it. */
function arraySql(entry, child, array) {
  return d.arrayValue(d.quote(JSON.stringify(array)), staging.arrayElement(entry, [child]));
}

function modified(n) {
  return `2024-07-01T00:00:0${n}.0000000Z`;
}

function selectRows(rows) {
  return rows.map((row) => `SELECT ${row.map(([name, sql]) => `${sql} AS ${name}`).join(", ")}`).join("\nUNION ALL\n");
}

function line(entry, { id, runId, operation, data, n }) {
  return [
    ["id", d.quote(id)],
    ["resource", d.quote(entry.resource)],
    ["operation", d.quote(operation)],
    ["change_version", d.toInt("NULL")],
    ["extracted_at", d.quote(`2025-01-0${n}T00:00:00.000Z`)],
    ["run_id", d.quote(runId)],
    ["snapshot", d.toBool(d.quote(runId === "r1" || runId === "r0"))],
    ["data", d.quote(JSON.stringify(data))],
    ["school_year", d.toInt(d.quote(YEAR))],
  ];
}

/**
 * The scenario, in the lake's line format: r0 is an older full snapshot (its record d is gone from r1),
 * r1 a full snapshot with a and b, r2 an incremental run that re-keys a, deletes b and adds c (written
 * in DS 4 names), r3 a crashed run (no commit) whose record e must not appear. Current: a (v2) and c.
 * Returns the lines, the commit log's rows and the staging rows expected, each a list of [column, SQL].
 */
function scenario(entry) {
  const columns = staging.resourceColumns(entry);
  const record = (id, n, ds4) => {
    const data = { id, ...sampleRecord(columns, n, ds4), _lastModifiedDate: modified(n) };
    for (const child of entry.children) setPath(data, child.path, sampleArray(entry, [child], n));
    return data;
  };
  const lines = [
    line(entry, { id: "d", runId: "r0", operation: "upsert", data: record("d", 5), n: 1 }),
    line(entry, { id: "a", runId: "r1", operation: "upsert", data: record("a", 1), n: 2 }),
    line(entry, { id: "b", runId: "r1", operation: "upsert", data: record("b", 6), n: 2 }),
    line(entry, { id: "a", runId: "r2", operation: "upsert", data: record("a", 2), n: 3 }),
    line(entry, { id: "b", runId: "r2", operation: "delete", data: { id: "b" }, n: 3 }),
    line(entry, { id: "c", runId: "r2", operation: "upsert", data: record("c", 3, true), n: 3 }),
    line(entry, { id: "e", runId: "r3", operation: "upsert", data: record("e", 4), n: 4 }),
  ];
  const commit = (runId, snapshot) => [
    ["run_id", d.quote(runId)],
    ["resource", d.quote(entry.resource)],
    ["table_name", d.quote(entry.table)],
    ["snapshot", d.toBool(d.quote(snapshot))],
    ["committed_at", d.quote("2025-01-01T00:00:00Z")],
    ["school_year", d.toInt(d.quote(YEAR))],
  ];
  const expected = [
    ["a", 2, "r2", 3],
    ["c", 3, "r2", 3],
  ].map(([id, n, runId, extracted]) => {
    const values = columns.flatMap((column) => {
      const names = column.type === "descriptor" ? [column.name, `${column.name}_uri`] : [column.name];
      return sample(column, n).sql.map((sql, i) => [names[i], sql]);
    });
    return [
      ["id", d.quote(id)],
      ["school_year", d.toInt(d.quote(YEAR))],
      ...values,
      ...(entry.descriptor ? [["uri", d.quote(`namespace-${n}#code_value-${n}`)]] : []),
      ["last_modified_date", d.toTimestamp(d.quote(modified(n)))],
      ["extracted_at", d.toTimestamp(d.quote(`2025-01-0${extracted}T00:00:00.000Z`))],
      ["_run_id", d.quote(runId)],
      ...entry.children.map((child) => [staging.arrayColumn(child), arraySql(entry, child, sampleArray(entry, [child], n))]),
    ];
  });
  return { lines, commits: [commit("r0", true), commit("r1", true), commit("r2", false)], expected };
}

/** A resource's staging model over the scenario's lines. */
function resourceScenario(entry) {
  const { lines, commits, expected } = scenario(entry);
  return { inputs: { [entry.table]: selectRows(lines), [staging.COMMITS]: selectRows(commits) }, expected: selectRows(expected) };
}

const withTable = (entry, rows) => rows.map((row) => [["table_name", d.quote(entry.table)], ...row]);

/**
 * The descriptors table over the scenario's lines of two descriptor resources, the same ids in both
 * (their rows must stay apart), and no lines of the others.
 */
function descriptorsScenario(entries) {
  const [first, second] = entries.slice(0, 2).map(scenario);
  const lines = (i) => (i < 2 ? selectRows([first, second][i].lines) : `SELECT * FROM (${selectRows(first.lines.slice(0, 1))}) AS none WHERE FALSE`);
  return {
    inputs: { ...Object.fromEntries(entries.map((entry, i) => [entry.table, lines(i)])), [staging.COMMITS]: selectRows([...first.commits, ...second.commits]) },
    expected: selectRows([...withTable(entries[0], first.expected), ...withTable(entries[1], second.expected)]),
  };
}

/** A descriptor's view of the descriptors table, which also holds another descriptor's rows. */
function descriptorScenario(entry, other) {
  const { expected } = scenario(entry);
  return { inputs: { [staging.DESCRIPTORS]: selectRows([...withTable(entry, expected), ...withTable(other, scenario(other).expected)]) }, expected: selectRows(expected) };
}

/** A parent row whose collection at each level has two elements: 2^depth child rows come out. */
function childScenario(entry, chain) {
  const parentKey = staging.parentKeyColumns(entry);
  const levels = staging.childLevels(entry, chain);
  const array = sampleArray(entry, [chain[0]], 1);
  const parentValues = parentKey.map((c) => [c.name, sample(c, 1).sql[0]]);
  const parent = [
    ["id", d.quote("p")],
    ["school_year", d.toInt(d.quote(YEAR))],
    ...parentValues,
    ["last_modified_date", d.toTimestamp(d.quote(modified(1)))],
    ["_run_id", d.quote("r1")],
    [staging.arrayColumn(chain[0]), arraySql(entry, chain[0], array)],
  ];
  // The variants of the elements each row comes from, level by level (sampleArray: n and n + 1 under variant n).
  const paths = (level, n) => (level === levels.length ? [[]] : [n, n + 1].flatMap((v) => paths(level + 1, v).map((rest) => [v, ...rest])));
  const expected = paths(0, 1).map((variant) => [
    ["parent_id", d.quote("p")],
    ["school_year", d.toInt(d.quote(YEAR))],
    ...parentValues,
    ...levels.flatMap(({ columns }, level) =>
      columns.flatMap((column) => {
        const names = column.type === "descriptor" ? [column.name, `${column.name}_uri`] : [column.name];
        return sample(column, variant[level]).sql.map((sql, i) => [names[i], sql]);
      }),
    ),
    ["last_modified_date", d.toTimestamp(d.quote(modified(1)))],
    ["_run_id", d.quote("r1")],
  ]);
  return { inputs: { [staging.stagingName(entry)]: selectRows([parent]) }, expected: selectRows(expected) };
}

module.exports = { resourceScenario, descriptorsScenario, descriptorScenario, childScenario };
