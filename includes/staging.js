// Staging models generated from the catalog: one stg_<table> per resource (current rows, typed columns)
// and one stg_<table>__<child> per child collection the AMT needs. definitions/staging/ and the unit
// tests in definitions/tests/ call these; nothing here lists resources.
const { catalog } = require("./catalog");
const d = require("./dialect");

const SOURCE_SCHEMA = "edfi_sources";
const STAGING_SCHEMA = "edfi_staging";
// The lake's commit log is read once per build into a table: every model of the build then sees the same
// runs, and a query costs a table scan instead of a read of every commit file the lake ever received.
const COMMIT_LOG = "_commit_log";
const COMMITS = "_commits";
// Every descriptor resource's current records (descriptorsQuery).
const DESCRIPTORS = "stg_descriptors";

// DS 4 names of DS 5 path segments: records of either standard land in the same columns.
const DS4_SEGMENTS = { contactUniqueId: "parentUniqueId", contactReference: "parentReference" };

function snake(name) {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

function inferType(path) {
  const last = path.split(".").pop();
  if (last.endsWith("Descriptor")) return "descriptor";
  if (last === "date" || last.endsWith("Date")) return "date";
  if (last === "schoolYear" || last === "periodSequence") return "int";
  if (/^schoolId$|(OrganizationId|AgencyId|CenterId)$/.test(last)) return "int"; // education organization ids
  return "string";
}

const LOGICAL = { string: "STRING", int: "INT", bool: "BOOL", decimal: "DECIMAL", date: "DATE", timestamp: "TIMESTAMP", descriptor: "STRING" };

// Columns every staging table has; record fields may not take these names.
const RESERVED = ["id", "school_year", "last_modified_date", "extracted_at", "_run_id", "parent_id"];

/** The column of a resource's staging table holding a top-level child collection's JSON array. */
function arrayColumn(child) {
  return `${child.name}_json`;
}

/**
 * "path[:type][ as column]" → { path, ds4Path, type, name }. A name already taken (e.g. school_year, the
 * lake partition) is prefixed with its reference ("calendar_school_year"), or "record_" at the top level.
 */
function parseField(spec, taken) {
  const [, path, type, alias] = /^([^:\s]+)(?::(\w+))?(?: as (\w+))?$/.exec(spec);
  const segments = path.split(".");
  let name = alias || snake(segments[segments.length - 1]);
  // A role-named reference to an education organization keeps its role: feederSchoolReference.schoolId → feeder_school_id.
  const role = segments.length > 1 && segments[segments.length - 2].replace(/Reference$/, "");
  const entity = segments[segments.length - 1].replace(/Id$/, "");
  if (!alias && role && role !== entity && role.endsWith(entity[0].toUpperCase() + entity.slice(1))) name = `${snake(role)}_id`;
  if (!alias && taken.has(name)) {
    const owner = segments.length > 1 ? snake(segments[segments.length - 2].replace(/Reference$/, "")) : "record";
    name = `${owner}_${name}`;
  }
  if (taken.has(name)) throw new Error(`staging column ${name} (from ${spec}) is defined twice; give it a name with "as"`);
  taken.add(name);
  const ds4Path = segments.map((s) => DS4_SEGMENTS[s] || s).join(".");
  return { path, ds4Path: ds4Path === path ? null : ds4Path, type: type || inferType(path), name };
}

function ds5Path(path) {
  const renamed = Object.fromEntries(Object.entries(DS4_SEGMENTS).map(([ds5, ds4]) => [ds4, ds5]));
  return path.split(".").map((s) => renamed[s] || s).join(".");
}

/** Natural-key paths of every data standard, in DS 5 names, without duplicates. */
function keyPaths(entry) {
  const all = [...(entry.key[5] || []), ...(entry.key[4] || [])].map(ds5Path);
  return [...new Set(all)];
}

/** Key paths present in every data standard the resource exists in (these are never NULL). */
function requiredKeyPaths(entry) {
  const standards = Object.values(entry.key).filter(Boolean).map((key) => key.map(ds5Path));
  return standards[0].filter((path) => standards.every((key) => key.includes(path)));
}

/** Columns of a resource's staging table: natural key first, then the catalog's fields. */
function resourceColumns(entry) {
  const taken = new Set(RESERVED);
  const key = keyPaths(entry).map((path) => ({ ...parseField(path, taken), key: true }));
  const keyed = new Set(key.map((c) => c.path));
  const fields = entry.fields.filter((spec) => !keyed.has(spec.split(/[: ]/)[0])).map((spec) => parseField(spec, taken));
  return [...key, ...fields];
}

function parentKeyColumns(entry) {
  return resourceColumns(entry).filter((c) => c.key);
}

/**
 * The staged columns that hold a record's natural key, as the API tells records apart: a descriptor by
 * its URI, since two namespaces may hold one code value (a district's own program type beside Ed-Fi's).
 */
function naturalKeyColumns(entry) {
  return parentKeyColumns(entry).map((c) => (c.type === "descriptor" ? `${c.name}_uri` : c.name));
}

/** The levels of a child chain with their columns (names unique across the parent key and every level). */
function childLevels(entry, chain) {
  const taken = new Set([...RESERVED, ...parentKeyColumns(entry).map((c) => c.name)]);
  return chain.map((child) => ({ child, columns: child.fields.map((spec) => parseField(spec, taken)) }));
}

/**
 * What the child views read from the elements of the collection at the end of `chain`: { texts, lists }
 * (dialect jsonStructure), the nested collections' elements included.
 */
function arrayElement(entry, chain) {
  const { columns } = childLevels(entry, chain)[chain.length - 1];
  const nested = chain[chain.length - 1].children || [];
  return { texts: readPaths(columns), lists: Object.fromEntries(nested.map((child) => [child.path, arrayElement(entry, [...chain, child])])) };
}

/** The JSON paths columns read (DS 5 and DS 4 names), each once. */
function readPaths(columns) {
  return [...new Set(columns.flatMap((c) => [c.path, c.ds4Path]).filter(Boolean))];
}

/** Text of a column's JSON value(s): the DS 5 path, else its DS 4 name. */
function textOf(column, read) {
  return column.ds4Path ? `COALESCE(${read(column.path)}, ${read(column.ds4Path)})` : read(column.path);
}

function typed(column, text) {
  switch (column.type) {
    case "int":
      return d.toInt(text);
    case "bool":
      return d.toBool(text);
    case "decimal":
      return d.toDecimal(text);
    case "date":
      return d.toDate(text);
    case "timestamp":
      return d.toTimestamp(text);
    default:
      return text;
  }
}

/** SELECT-list items of columns read through `read(path)`; descriptors give code value and URI. */
function selectColumns(columns, read) {
  return columns.flatMap((column) => {
    const text = textOf(column, read);
    if (column.type === "descriptor") return [`${d.descriptorCode(text)} AS ${column.name}`, `${text} AS ${column.name}_uri`];
    return [`${typed(column, text)} AS ${column.name}`];
  });
}

function describeColumns(columns, what) {
  const out = {};
  for (const c of columns) {
    if (c.type === "descriptor") {
      out[c.name] = `Code value of ${what}.${c.path}${c.ds4Path ? ` (DS 4: ${c.ds4Path})` : ""}.`;
      out[`${c.name}_uri`] = `Descriptor URI (namespace#codeValue) of ${what}.${c.path}.`;
    } else {
      out[c.name] = `${what}.${c.path}${c.ds4Path ? ` (DS 4: ${c.ds4Path})` : ""} as ${LOGICAL[c.type]}.`;
    }
  }
  return out;
}

function stagingName(entry) {
  return `stg_${entry.table}`;
}

/** The never-built view holding an incremental model's query (e.g. "stg_students"), which its unit test runs. */
function definitionName(model) {
  return `${model}__definition`;
}

function childName(entry, chain) {
  return `${stagingName(entry)}__${chain[chain.length - 1].name}`;
}

/**
 * The lines of committed runs that make a resource's current state (README "Lake contract"): per school
 * year, the newest full snapshot and every later committed run; per record id, its latest line: of the
 * newest run's, a delete, else the line extracted last (a full run's catch-up reads a record again).
 * `extracted_at` is typed first: as text, `…:01Z` would sort after `…:01.500Z` when a lake's writer
 * drops zero fractions. `since` (linesSince of the dialect, on alias l)
 * restricts the lines to the runs not staged yet, for incremental builds; `record` is a SELECT item
 * reading each line's data (parsed before the choice, so that the choice moves parsed values, not text).
 * Without `choose`, `latest` is every line, for the build's post-operations to choose (fullBuildCleanup).
 * `byTable`: the lines of several `entries` (the descriptors), told apart by a `table_name` column.
 */
function currentLinesSql(ctx, entries, byTable, since, record, choose) {
  const perTable = (sql) => (byTable ? sql : "");
  const tables = entries.map((entry) => d.quote(entry.table));
  const source = byTable
    ? `(${entries.map((entry) => `SELECT ${d.quote(entry.table)} AS table_name, * FROM ${ctx.ref(SOURCE_SCHEMA, entry.table)}`).join("\n  UNION ALL ")})`
    : ctx.ref(SOURCE_SCHEMA, entries[0].table);
  return `commits AS (
  SELECT ${perTable("table_name, ")}run_id, school_year, snapshot
  FROM ${ctx.ref(SOURCE_SCHEMA, COMMITS)}
  WHERE table_name ${byTable ? `IN (${tables.join(", ")})` : `= ${tables[0]}`}
),
snapshots AS (
  SELECT ${perTable("table_name, ")}school_year, MAX(run_id) AS run_id
  FROM commits
  WHERE snapshot
  GROUP BY ${perTable("table_name, ")}school_year
),
lines AS (
  SELECT ${perTable("l.table_name, ")}l.id, l.school_year, l.run_id, l.operation, ${d.toTimestamp("l.extracted_at")} AS extracted_at, ${record}
  FROM ${source} AS l
  INNER JOIN commits AS c ON ${perTable("c.table_name = l.table_name AND ")}c.run_id = l.run_id AND c.school_year = l.school_year
  LEFT JOIN snapshots AS s ON ${perTable("s.table_name = l.table_name AND ")}s.school_year = l.school_year
  WHERE l.operation IN ('upsert', 'delete')
    AND l.run_id >= COALESCE(s.run_id, '')${since ? `\n    AND ${since.condition}` : ""}
),
latest AS (
${choose ? d.firstPerGroup("lines", [...(byTable ? ["table_name"] : []), "school_year", "id"], "run_id DESC, CASE operation WHEN 'delete' THEN 0 ELSE 1 END, extracted_at DESC") : "SELECT * FROM lines"}
)`;
}

/**
 * Whether the full build of `entry`'s staging table leaves the choice of each record's latest line to
 * its post-operations (fullBuildCleanup): the large, incremental tables, where the engine chooses after
 * the write (d.CHOOSES_AFTER_WRITE).
 */
function choosesAfterWrite(ctx, entry) {
  return d.CHOOSES_AFTER_WRITE && entry.incremental && !ctx.incremental();
}

/**
 * The staging query of a resource: current records, typed. One row per record id and school year, hence
 * per natural key: the API keeps natural keys unique among its records, a key change keeps the id, and
 * the uniqueKey assertion checks it (a second window over the key would cost a third of the build).
 * An increment also has a row for each record whose latest line is a delete: a tombstone, marked by a
 * NULL last_modified_date, that the MERGE puts in place of the record's row and incrementalCleanup
 * removes (one pass over the new lines, where a separate delete would read them again).
 * A full build that chooses after the write (choosesAfterWrite) has a row for every line, tombstones
 * included, for fullBuildCleanup; `choose` makes its query choose, as its unit test needs.
 */
function stagingQuery(ctx, entry, options = {}) {
  return recordsQuery(ctx, [entry], options);
}

/** stagingQuery of one resource, or (`byTable`) of several that share their columns, with their table_name. */
function recordsQuery(ctx, entries, { choose = !choosesAfterWrite(ctx, entries[0]), byTable = false } = {}) {
  const [entry] = entries;
  const columns = resourceColumns(entry);
  const paths = [...readPaths(columns), "_lastModifiedDate"];
  // The child collections are kept for the child views, parsed with the record where the engine can
  // (arrayValue): as JSON text, each child view would parse them again, after the text's write.
  const arrays = Object.fromEntries(entry.children.map((child) => [child.path, arrayElement(entry, [child])]));
  const record = d.jsonRecord("l.data", paths, arrays, "_v");
  const increment = entry.incremental && ctx.incremental();
  const since = increment ? unstagedRuns(ctx, entry, "l") : null;
  const tombstones = increment || !choose;
  const lastModified = `COALESCE(${d.toTimestamp(record.text("_lastModifiedDate"))}, extracted_at)`;
  const select = [
    ...(byTable ? ["table_name"] : []),
    "id",
    "school_year",
    ...selectColumns(columns, record.text),
    ...(entry.descriptor ? [`${record.text("namespace")} || '#' || ${record.text("codeValue")} AS uri`] : []),
    `${tombstones ? `CASE WHEN operation = 'upsert' THEN ${lastModified} END` : lastModified} AS last_modified_date`,
    "extracted_at",
    "run_id AS _run_id",
    ...entry.children.map((child) => `${record.array(child.path)} AS ${arrayColumn(child)}`),
  ];
  return `WITH ${currentLinesSql(ctx, entries, byTable, since, record.select, choose)}
SELECT
  ${select.join(",\n  ")}
FROM latest${tombstones ? "" : "\nWHERE operation = 'upsert'"}`;
}

/** The descriptor resources, which share their columns (catalog descriptor()). */
const DESCRIPTOR_ENTRIES = catalog.filter((entry) => entry.descriptor);

/**
 * Every descriptor resource's current records, in one table with their `table_name`: one query over
 * their small sources costs about what one of them did alone (DuckDB spends about 1 ms on each join,
 * grouping or window of a statement however few its rows: 32 tables took 0.34 s to build, this one
 * 0.04 s), and BigQuery runs one job instead of 32. Each descriptor's stg_ is a view over it (descriptorQuery).
 */
function descriptorsQuery(ctx) {
  return recordsQuery(ctx, DESCRIPTOR_ENTRIES, { byTable: true });
}

/** A descriptor resource's rows of the descriptors table (descriptorsQuery), in its staging table's columns. */
function descriptorQuery(ctx, entry) {
  const columns = Object.keys(resourceColumnDescriptions(entry));
  return `SELECT ${columns.join(", ")}\nFROM ${ctx.ref(STAGING_SCHEMA, DESCRIPTORS)}\nWHERE table_name = ${d.quote(entry.table)}`;
}

/**
 * The newest run of `entry`'s lines that its incremental staging table has read whole,
 * as SQL ('' when it is empty: read everything). Runs follow each other and commit one school year at
 * a time. The table's newest run R was read for the years it has rows of R for, and every run before R
 * had committed all its years by then; but a build may have come between R's commits, and a year without
 * rows of R may have committed R after it (or R brought it no lines: that cannot be told apart). So the
 * bound is R when every year that committed R has rows of R, else the newest run before R. Unlike the
 * oldest of the newest runs per year, it moves on when a year's runs bring no lines (a closed school year
 * still extracted every night), and runs re-read are merged again, unchanged.
 */
function stagedRunBound(ctx, entry) {
  const runs = committedRuns(ctx, entry);
  return `(WITH staged AS (
  SELECT school_year, MAX(_run_id) AS newest FROM ${ctx.self()} GROUP BY school_year
), latest AS (
  SELECT MAX(newest) AS run_id FROM staged
)
SELECT COALESCE(CASE
  WHEN EXISTS (
    SELECT 1
    FROM ${runs} AS c
    INNER JOIN latest AS r ON r.run_id = c.run_id
    LEFT JOIN staged AS s ON s.school_year = c.school_year AND s.newest = r.run_id
    WHERE s.school_year IS NULL
  ) THEN (SELECT MAX(c.run_id) FROM ${runs} AS c CROSS JOIN latest AS r WHERE c.run_id < r.run_id)
  ELSE (SELECT run_id FROM latest)
END, ''))`;
}

/** The lines of `alias` from runs after the staged run bound (stagedRunBound). */
function unstagedRuns(ctx, entry, alias) {
  return d.linesSince(alias, stagedRunBound(ctx, entry), entry.table);
}

/** Statements run before an incremental build (the dialect may need to prepare the run filter). */
function incrementalPreparation(ctx, entry) {
  return unstagedRuns(ctx, entry, "l").preOps;
}

/**
 * Statements run after every incremental build of a staging table: remove the tombstones of deleted
 * records (see stagingQuery), and the rows a newer full snapshot no longer contains, as the MERGE only
 * adds and replaces rows. (The run bound is still the pre-MERGE one: it was fixed by the
 * pre-operation.) Rows older than a snapshot can only be there once a snapshot newer than that bound
 * came in: without one, the table is not scanned.
 */
function incrementalCleanup(ctx, entry) {
  return [
    deleteTombstones(ctx),
    `DELETE FROM ${ctx.self()} AS t
WHERE ${supersededBySnapshot(ctx, entry, "t", unstagedRuns(ctx, entry, "l").bound)}`,
  ];
}

/**
 * Statements run after a full build that chooses after the write (choosesAfterWrite): keep each
 * record's latest line as currentLinesSql chooses it, then remove the tombstones.
 */
function fullBuildCleanup(ctx, entry) {
  if (!choosesAfterWrite(ctx, entry)) return [];
  return [d.deleteAllButFirstPerGroup(ctx.self(), ["school_year", "id"], "_run_id DESC, last_modified_date IS NULL DESC, extracted_at DESC"), deleteTombstones(ctx)];
}

function deleteTombstones(ctx) {
  return `DELETE FROM ${ctx.self()} WHERE last_modified_date IS NULL`;
}

/** The committed runs of a resource (the lake's _commits), as a subquery. */
function committedRuns(ctx, entry) {
  return `(SELECT run_id, school_year, snapshot FROM ${ctx.ref(SOURCE_SCHEMA, COMMITS)} WHERE table_name = ${d.quote(entry.table)})`;
}

/**
 * Rows of `alias` older than their school year's newest full snapshot, when a snapshot came in after
 * `bound`. The subqueries' aliases are unlike any caller's: one named like `alias` would hide it, and
 * the school year would be compared with itself.
 */
function supersededBySnapshot(ctx, entry, alias, bound) {
  const commits = committedRuns(ctx, entry);
  return `EXISTS (SELECT 1 FROM ${commits} AS newer_run WHERE newer_run.snapshot AND newer_run.run_id > ${bound})
  AND ${alias}._run_id < (SELECT MAX(snapshot_run.run_id) FROM ${commits} AS snapshot_run WHERE snapshot_run.snapshot AND snapshot_run.school_year = ${alias}.school_year)`;
}

/**
 * A child collection's rows: one per element of the array at `chain` (a path of nested child specs)
 * in the parent's current records, with the parent's id, school year, natural key and run. Published
 * as a view: it holds nothing its parent's row does not, so it is current whenever the parent is, and
 * an incremental build has nothing to reconcile in it.
 */
function childQuery(ctx, entry, chain) {
  const parentKey = parentKeyColumns(entry);
  const levels = childLevels(entry, chain);
  const rows = d.jsonArrayRows(
    ctx.ref(STAGING_SCHEMA, stagingName(entry)),
    arrayColumn(chain[0]),
    chain.map((child) => child.path),
  );
  const select = [
    "p.id AS parent_id",
    "p.school_year",
    ...parentKey.map((c) => `p.${c.name}`),
    ...levels.flatMap(({ columns }, i) => selectColumns(columns, (path) => rows.text(i, path))),
    "p.last_modified_date",
    "p._run_id",
  ];
  return `SELECT\n  ${select.join(",\n  ")}\nFROM ${rows.from}`;
}

/** Every child chain of a resource, depth first: [[a], [a, a1], [b], …]. */
function childChains(children, prefix = []) {
  return children.flatMap((child) => [[...prefix, child], ...childChains(child.children || [], [...prefix, child])]);
}

function childColumnDescriptions(entry, chain) {
  const parentKey = parentKeyColumns(entry);
  let described = {
    parent_id: `Resource id of the parent ${entry.resource} record (a UUID on DuckDB).`,
    school_year: "School year of the lake partition the parent record came from.",
    ...Object.fromEntries(parentKey.map((c) => [c.name, `Parent natural key: ${entry.resource}.${c.path}.`])),
  };
  let where = entry.resource;
  for (const { child, columns } of childLevels(entry, chain)) {
    where = `${where}.${child.path}[]`;
    described = { ...described, ...describeColumns(columns, where) };
  }
  return {
    ...described,
    last_modified_date: "Last modified date of the parent record (child collections have none of their own).",
    _run_id: "Extract run that landed the parent record's version these rows come from.",
  };
}

function resourceColumnDescriptions(entry) {
  return {
    id: "Resource id (the API's id of the record; a UUID on DuckDB).",
    school_year: "School year of the lake partition (the API instance or school-year label it was extracted from).",
    ...describeColumns(resourceColumns(entry), entry.resource),
    ...(entry.descriptor ? { uri: "Descriptor URI (namespace#codeValue), what references to this descriptor carry." } : {}),
    last_modified_date: "_lastModifiedDate of the record, or its extraction time when the API version does not send one (never NULL: NULL marks a deleted record's row within a build).",
    extracted_at: "When the extractor read the record.",
    _run_id: "Extract run that landed this version of the record.",
    ...Object.fromEntries(
      entry.children.map((child) => [
        arrayColumn(child),
        `${entry.resource}.${child.path} (an array), for ${childName(entry, [child])} and its nested collections: JSON text on BigQuery; on DuckDB a list of structs of the fields they read.`,
      ]),
    ),
  };
}

module.exports = {
  SOURCE_SCHEMA,
  STAGING_SCHEMA,
  COMMIT_LOG,
  COMMITS,
  DESCRIPTORS,
  DESCRIPTOR_ENTRIES,
  catalog,
  snake,
  arrayColumn,
  stagingName,
  definitionName,
  childName,
  childChains,
  resourceColumns,
  parentKeyColumns,
  naturalKeyColumns,
  childLevels,
  arrayElement,
  requiredKeyPaths,
  stagingQuery,
  descriptorsQuery,
  descriptorQuery,
  incrementalPreparation,
  incrementalCleanup,
  fullBuildCleanup,
  childQuery,
  resourceColumnDescriptions,
  childColumnDescriptions,
};
