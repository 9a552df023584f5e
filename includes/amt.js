// Building blocks of the AMT models (definitions/amt/): sources read across school years, the output
// shape from the contract (includes/amt_contract.js), AMT renderings (keys, dates, defaults) and the
// descriptor map. Engine-specific SQL stays in includes/dialect.js; what is built here is portable.
const d = require("./dialect");
const staging = require("./staging");
const { views } = require("./amt_contract");
const amtConfig = require("./amt_config");

const ANALYTICS = "analytics";

// The optional AMT collections (spec §1.3, §5–§9), switched by the compile var `amtCollections` as AMT's
// installer options do: "all" (default), "none", or names separated by "+", spaces or commas (the
// Dataform CLI splits --vars on commas, so the local engine passes "+").
const COLLECTIONS = ["rls", "chrab", "ews", "asmt", "equity"];
// Installing Equity also installs Chrab and EWS (spec §1.3, §9): equity_StudentHistoryDim reads them.
const INSTALLED_WITH = { equity: ["chrab", "ews"] };
// Read on first use, from a definitions file, so that a bad value is a compile error naming that file.
let enabledCollections;
function readCollections() {
  const vars = (typeof dataform !== "undefined" && dataform.projectConfig && dataform.projectConfig.vars) || {};
  const value = String(vars.amtCollections || "all").trim().toLowerCase();
  if (value === "all") return new Set(COLLECTIONS);
  if (value === "none") return new Set();
  const names = value.split(/[\s+,]+/).filter(Boolean);
  const unknown = names.filter((name) => !COLLECTIONS.includes(name));
  if (unknown.length) throw new Error(`var amtCollections: unknown collection ${unknown.join(", ")} (known: all, none, ${COLLECTIONS.join(", ")})`);
  return new Set(names.flatMap((name) => [name, ...(INSTALLED_WITH[name] || [])]));
}

/** Whether the optional collection `name` (rls, chrab, ews, asmt, equity) is built. */
function collectionEnabled(name) {
  if (!COLLECTIONS.includes(name)) throw new Error(`unknown AMT collection ${name}`);
  enabledCollections = enabledCollections || readCollections();
  return enabledCollections.has(name);
}
const CONFIG = "analytics_config";

// Staging table name → the natural-key columns that identify a record across lake partitions (a child
// collection carries its parent's key, which identifies the parent record).
const NATURAL_KEYS = Object.fromEntries(
  staging.catalog.flatMap((entry) => {
    const key = staging.parentKeyColumns(entry).map((c) => c.name);
    return [[staging.stagingName(entry), key], ...staging.childChains(entry.children).map((chain) => [staging.childName(entry, chain), key])];
  }),
);
// Child collection (staging view) → its parent's staging table.
const PARENTS = Object.fromEntries(
  staging.catalog.flatMap((entry) => staging.childChains(entry.children).map((chain) => [staging.childName(entry, chain), staging.stagingName(entry)])),
);

/**
 * A staging table as the AMT reads it: the records of the latest school year (lake partition) that has
 * each natural key. AMT keys carry no school year (spec §3.1), so a student, school or descriptor
 * extracted for several years appears once, as of its latest year; records of different years with
 * different keys (e.g. enrollments, sessions) all remain.
 */
function source(ctx, table) {
  const key = NATURAL_KEYS[table];
  if (!key) throw new Error(`unknown staging table ${table}`);
  const parent = PARENTS[table];
  if (!parent) return d.newestSchoolYearRows(ctx.ref(staging.STAGING_SCHEMA, table), key);
  // A collection's rows are those of the parent records kept (one per id and year): the newest year of
  // its own rows would be an older one when the parent's newest record has an empty list.
  return `(SELECT c.* FROM ${ctx.ref(staging.STAGING_SCHEMA, table)} AS c
    INNER JOIN ${source(ctx, parent)} AS p ON p.id = c.parent_id AND p.school_year = c.school_year)`;
}

/** The parent staging table of a child collection and that parent's natural key, or undefined for a table of records. */
function parentOf(table) {
  const parent = PARENTS[table];
  return parent && { parent, key: NATURAL_KEYS[parent] };
}

/** AMT k(…): parts as text joined with '-', NULL parts as ''. */
const k = (...parts) => d.textKey(parts);

/** The final SELECT of a model: the contract's columns, in order, cast to their logical types. */
function shape(name, query) {
  const columns = views[name].columns.map(([column, type]) => `  CAST(${column} AS ${d.sqlType(type)}) AS ${column}`);
  return `SELECT\n${columns.join(",\n")}\nFROM (\n${query}\n) AS amt`;
}

/** Dataform config of a model: a table in `analytics` with the contract's docs and assertions. */
function config(name) {
  const view = views[name];
  const assertions = { nonNull: view.nonNull || view.unique };
  if (view.unique) assertions.uniqueKey = view.unique;
  return {
    type: "table",
    schema: ANALYTICS,
    tags: ["amt"],
    description: `AMT ${name} (AMT-SPEC §4): ${view.description}`,
    columns: Object.fromEntries(view.columns.map(([column, type, text]) => [column, `${text} (${type})`])),
    assertions,
  };
}

/** AMT `today` (spec §2.5): current means `date IS NULL OR date > today`. */
function isCurrent(date) {
  return `(${date} IS NULL OR ${date} > ${d.asOfDate()})`;
}

/** Descriptor URIs mapped to `constant` in the resolved map (spec §2.4), as a subquery. */
function mappedUris(ctx, constant) {
  return `(SELECT DescriptorUri FROM ${ctx.ref(CONFIG, "DescriptorMap")} WHERE ConstantName = ${d.quote(constant)})`;
}

/** A descriptor resource (`name` singular, e.g. "sex") as the AMT reads it; join on its `uri`. */
function descriptors(ctx, name) {
  return source(ctx, `stg_${staging.snake(name)}_descriptors`);
}

/** LMD of a date-only input (SchoolDim's address period begin date) as a TIMESTAMP, for greatest(). */
const asTimestamp = (date) => `CAST(${date} AS TIMESTAMP)`;

/**
 * Addresses of the records of `table` (stg_schools, stg_contacts) with the begin date of the period that
 * qualifies them: `periodRule(p)` must hold for one of the address's periods, or it has none.
 */
function addresses(ctx, table, periodRule) {
  const same = ["parent_id", "school_year", "address_type_descriptor_uri", "street_number_name", "city", "postal_code", "state_abbreviation_descriptor_uri"];
  return `(SELECT a.*, p.begin_date AS period_begin_date
    FROM ${source(ctx, `${table}__addresses`)} AS a
    LEFT JOIN ${source(ctx, `${table}__address_periods`)} AS p ON ${same.map((c) => `p.${c} = a.${c}`).join(" AND ")}
    WHERE p.parent_id IS NULL OR ${periodRule("p")})`;
}

/**
 * One academic subject per course: DS 4 has a single academicSubjectDescriptor, DS 5 a collection. Of a
 * DS 5 collection the first URI is kept so that sections stay one row each (the unmerged DS 5 AMT
 * joined the whole collection and repeated the section per subject).
 */
function courseSubjects(ctx) {
  return `(SELECT course_code, education_organization_id, MIN(academic_subject_descriptor_uri) AS academic_subject_descriptor_uri
    FROM (
      SELECT course_code, education_organization_id, academic_subject_descriptor_uri FROM ${source(ctx, "stg_courses")}
      UNION ALL
      SELECT course_code, education_organization_id, academic_subject_descriptor_uri FROM ${source(ctx, "stg_courses__academic_subjects")}
    ) AS s
    WHERE academic_subject_descriptor_uri IS NOT NULL
    GROUP BY course_code, education_organization_id)`;
}

/**
 * The demographic values (DemographicDim keys) recorded on student education organization associations:
 * (education_organization_id, student_unique_id, DemographicKey). Characteristics count only with no
 * period or a period not ended by the as-of date.
 */
function seoaDemographics(ctx) {
  const seoa = (child) => source(ctx, `stg_student_education_organization_associations__${child}`);
  const group = (child, keyExpr, where = "TRUE") =>
    `SELECT education_organization_id, student_unique_id, ${keyExpr} AS DemographicKey FROM ${seoa(child)} AS c WHERE ${where}`;
  return `(${[
    group("cohort_years", `'CohortYear:' || ${d.toText("c.cohort_school_year")} || '-' || c.cohort_year_type_descriptor`),
    group("disabilities", "'Disability:' || c.disability_descriptor"),
    group("disability_designations", "'DisabilityDesignation:' || c.disability_designation_descriptor"),
    group("languages", "'Language:' || c.language_descriptor"),
    group("language_uses", "'LanguageUse:' || c.language_use_descriptor"),
    group("races", "'Race:' || c.race_descriptor"),
    group("tribal_affiliations", "'TribalAffiliation:' || c.tribal_affiliation_descriptor"),
    `SELECT c.education_organization_id, c.student_unique_id, 'StudentCharacteristic:' || c.student_characteristic_descriptor AS DemographicKey
    FROM ${seoa("characteristics")} AS c
    LEFT JOIN ${seoa("characteristic_periods")} AS p
      ON p.parent_id = c.parent_id AND p.school_year = c.school_year AND p.student_characteristic_descriptor_uri = c.student_characteristic_descriptor_uri
    WHERE p.parent_id IS NULL OR ${isCurrent("p.end_date")}`,
  ].join("\n    UNION ALL\n    ")})`;
}

// Output column → student indicator name (spec §4.12, §4.14): the district view reads "Internet
// Performance", the school views "Internet Performance In Residence".
const SCHOOL_INDICATORS = {
  InternetAccessInResidence: "Internet Access In Residence",
  InternetAccessTypeInResidence: "Internet Access Type In Residence",
  InternetPerformance: "Internet Performance In Residence",
  DigitalDevice: "Digital Device",
  DeviceAccess: "Device Access",
};
const DISTRICT_INDICATORS = { ...SCHOOL_INDICATORS, InternetPerformance: "Internet Performance" };

/** SEOA rows with their indicators of `indicators` (column → name) as columns named like the output. */
function seoaWithIndicators(ctx, indicators) {
  const pivot = Object.entries(indicators).map(([column, name]) => `MAX(CASE WHEN i.indicator_name = ${d.quote(name)} THEN i.indicator END) AS ${column}`);
  return `(SELECT s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date, ${pivot.join(", ")}
    FROM ${source(ctx, "stg_student_education_organization_associations")} AS s
    LEFT JOIN ${source(ctx, "stg_student_education_organization_associations__indicators")} AS i
      ON i.parent_id = s.id AND i.school_year = s.school_year
    GROUP BY s.education_organization_id, s.student_unique_id, s.sex_descriptor, s.hispanic_latino_ethnicity,
      s.limited_english_proficiency_descriptor, s.last_modified_date)`;
}

/**
 * Every school enrollment with the AllStudentSchoolDim columns (spec §4.14, §4.15): demographics from the
 * SEOA at the school (se), else the one at the school's district (de), column by column.
 */
function studentSchools(ctx) {
  const fallback = (column) => `COALESCE(se.${column}, de.${column})`;
  const indicators = Object.keys(SCHOOL_INDICATORS).map((column) => `COALESCE(${fallback(column)}, 'n/a') AS ${column}`);
  return `SELECT
  ${k("ssa.student_unique_id", "ssa.school_id", d.ymd("ssa.entry_date"))} AS AllStudentSchoolKey,
  ${k("ssa.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  ssa.student_unique_id AS StudentKey,
  ${d.toText("ssa.school_id")} AS SchoolKey,
  COALESCE(${d.toText("ssa.school_year_type_school_year")}, 'Unknown') AS SchoolYear,
  st.first_name AS StudentFirstName,
  COALESCE(st.middle_name, '') AS StudentMiddleName,
  st.last_surname AS StudentLastName,
  st.birth_date AS BirthDate,
  ${d.iso("ssa.entry_date")} AS EnrollmentDateKey,
  ssa.entry_grade_level_descriptor AS GradeLevel,
  COALESCE(${fallback("limited_english_proficiency_descriptor")}, 'Not applicable') AS LimitedEnglishProficiency,
  COALESCE(${fallback("hispanic_latino_ethnicity")}, FALSE) AS IsHispanic,
  COALESCE(${fallback("sex_descriptor")}, '') AS Sex,
  ${indicators.join(",\n  ")},
  ${isCurrent("ssa.exit_withdraw_date")} AS IsEnrolled,
  COALESCE(${d.iso("ssa.exit_withdraw_date")}, '') AS ExitWithdrawDate,
  ${d.greatestNonNull(["st.last_modified_date", "se.last_modified_date", "de.last_modified_date"])} AS LastModifiedDate
FROM ${source(ctx, "stg_student_school_associations")} AS ssa
INNER JOIN ${source(ctx, "stg_students")} AS st ON st.student_unique_id = ssa.student_unique_id
INNER JOIN ${source(ctx, "stg_schools")} AS sc ON sc.school_id = ssa.school_id
LEFT JOIN ${seoaWithIndicators(ctx, SCHOOL_INDICATORS)} AS se
  ON se.student_unique_id = ssa.student_unique_id AND se.education_organization_id = ssa.school_id
LEFT JOIN ${seoaWithIndicators(ctx, SCHOOL_INDICATORS)} AS de
  ON de.student_unique_id = ssa.student_unique_id AND de.education_organization_id = sc.local_education_agency_id
WHERE ssa.entry_grade_level_descriptor IS NOT NULL`;
}

/** A literal table: SELECT of typed values per row, UNION ALL (columns: [[name, logical type]]). */
function literalRows(columns, rows) {
  const value = (v, type) => (v === null || v === undefined ? d.typedNull(type) : `CAST(${d.quote(v)} AS ${d.sqlType(type)})`);
  const selects = rows.map((row) => `SELECT ${columns.map(([name, type]) => `${value(row[name], type)} AS ${name}`).join(", ")}`);
  // No rows: one typed row filtered out, so the table still has its columns.
  return selects.length ? selects.join("\nUNION ALL\n") : `SELECT ${columns.map(([n, t]) => `${d.typedNull(t)} AS ${n}`).join(", ")} FROM (SELECT 1 AS x) AS no_rows WHERE FALSE`;
}

function constantsQuery() {
  const rows = amtConfig.CONSTANTS.map((c) => ({ ConstantName: c.name, DescriptorType: c.type, Collection: c.collection }));
  return literalRows([["ConstantName", "STRING"], ["DescriptorType", "STRING"], ["Collection", "STRING"]], rows);
}

function rulesQuery() {
  const columns = [["ConstantName", "STRING"], ["DescriptorType", "STRING"], ["CodeValue", "STRING"], ["NamespacePattern", "STRING"], ["Origin", "STRING"]];
  return literalRows(columns, amtConfig.mappingRules());
}

/** Staging descriptor columns (their `_uri` twins) holding descriptors of API resource `type`, per table. */
function uriColumns(type) {
  const column = staging.snake(type.replace(/s$/, "")) + "_uri";
  return staging.catalog.flatMap((entry) => {
    const tables = [[staging.stagingName(entry), staging.resourceColumns(entry)]];
    staging.childChains(entry.children).forEach((chain) => {
      tables.push([staging.childName(entry, chain), staging.childLevels(entry, chain).flatMap((level) => level.columns)]);
    });
    return tables.filter(([, columns]) => columns.some((c) => c.type === "descriptor" && `${c.name}_uri` === column)).map(([table]) => [table, column]);
  });
}

/** [descriptor type, staging table, URI column] of every source of known descriptors of the mapped types. */
function knownDescriptorSources() {
  const types = [...new Set(amtConfig.CONSTANTS.map((c) => c.type))];
  return types.flatMap((type) => {
    const resource = staging.catalog.find((e) => e.resource === type);
    const fromResource = resource ? [[type, staging.stagingName(resource), "uri"]] : [];
    return [...fromResource, ...uriColumns(type).map(([table, column]) => [type, table, column])];
  });
}

/**
 * The resolved map (spec §11.2): the rules applied on every run to the known descriptors of each mapped
 * type, i.e. the descriptor resource's records plus every URI the extracted resources reference, with
 * code values compared case-insensitively and without trailing blanks, and namespaces against the
 * rule's pattern (NULL: any).
 */
function resolvedMapQuery(ctx) {
  const known = knownDescriptorSources().map(
    ([type, table, column]) => `SELECT ${d.quote(type)} AS DescriptorType, ${column} AS uri FROM ${ctx.ref(staging.STAGING_SCHEMA, table)}`,
  );
  return `WITH known AS (
  SELECT DISTINCT DescriptorType, uri, ${d.descriptorNamespace("uri")} AS namespace, ${d.descriptorCode("uri")} AS code_value
  FROM (
    ${known.join("\n    UNION ALL\n    ")}
  ) AS u
  WHERE uri IS NOT NULL
)
SELECT DISTINCT r.ConstantName, r.DescriptorType, k.uri AS DescriptorUri, k.namespace AS Namespace, k.code_value AS CodeValue
FROM ${ctx.ref(CONFIG, "DescriptorMapRule")} AS r
INNER JOIN known AS k
  ON k.DescriptorType = r.DescriptorType
  AND ${ruleMatches("r", "k.code_value", "k.namespace")}`;
}

/** Whether mapping rule `rule` (an alias) maps a descriptor of its type with this code value and namespace. */
function ruleMatches(rule, codeValue, namespace) {
  return `LOWER(RTRIM(${codeValue})) = LOWER(RTRIM(${rule}.CodeValue))
  AND (${rule}.NamespacePattern IS NULL OR ${namespace} LIKE ${rule}.NamespacePattern)`;
}

/**
 * The mapping rules to warn about (spec §11.2: a code value that occurs in no known descriptor): a
 * district's rule that maps nothing, as a typo would; a default rule only when its constant maps
 * nothing at all, since defaults list alternatives a district has one of (Email.Personal: "Home/Personal"
 * or "Home"). An empty code value marks a constant unmapped on purpose.
 */
function unmatchedRulesQuery(ctx) {
  const map = ctx.ref(CONFIG, "DescriptorMap");
  return `SELECT r.ConstantName, r.DescriptorType, r.CodeValue, r.NamespacePattern, r.Origin
FROM ${ctx.ref(CONFIG, "DescriptorMapRule")} AS r
WHERE RTRIM(r.CodeValue) <> ''
  AND NOT EXISTS (
    SELECT 1 FROM ${map} AS m
    WHERE m.ConstantName = r.ConstantName AND m.DescriptorType = r.DescriptorType
      AND ${ruleMatches("r", "m.CodeValue", "m.Namespace")}
  )
  AND (r.Origin = 'district' OR NOT EXISTS (SELECT 1 FROM ${map} AS m WHERE m.ConstantName = r.ConstantName))`;
}

// ---- Optional collections (AMT-SPEC §5–§9): their contract entries carry `collection`, `spec` and,
// for the analytics_config tables, `schema`. EWS, Asmt and Equity helpers here; RLS and Chrab below. ----

/** Whether contract view `name` is built: core views always, a collection's views when it is enabled. */
function viewEnabled(name) {
  const { collection } = views[name];
  return !collection || collectionEnabled(collection);
}

/** Dataform config of a collection's model: as config(), in its schema, tagged with its collection. */
function collectionConfig(name) {
  const view = views[name];
  return {
    ...config(name),
    schema: view.schema || ANALYTICS,
    tags: ["amt", `amt_${view.collection}`],
    description: `AMT ${name} (AMT-SPEC ${view.spec}): ${view.description}`,
  };
}

/** analytics_config.ews_LetterGradeTranslation rows (spec §11.3): the defaults or the district's table. */
function letterGradesQuery() {
  return literalRows([["LetterGrade", "STRING"], ["NumericGrade", "DECIMAL"]], amtConfig.letterGrades());
}

/**
 * The resolved map pivoted for `flags` (name → constant): one row per mapped descriptor URI with a 0/1
 * column per name. Joined on a descriptor column and MAXed per day or group, several mappings of one
 * descriptor are harmless (spec §2.4).
 */
function meanings(ctx, flags) {
  const columns = Object.entries(flags).map(([name, constant]) => `MAX(CASE WHEN ConstantName = ${d.quote(constant)} THEN 1 ELSE 0 END) AS ${name}`);
  return `(SELECT DescriptorUri, ${columns.join(", ")}
    FROM ${ctx.ref(CONFIG, "DescriptorMap")}
    WHERE ConstantName IN (${Object.values(flags).map(d.quote).join(", ")})
    GROUP BY DescriptorUri)`;
}

/**
 * Attendance events of one kind per (student_unique_id, school_id, event_date, event_school_year), with
 * a 0/1 column `<prefix>_<name>` per `flags` entry (name → constant); `homeroom` adds
 * `homeroom_<name>` for events in a section whose student section association is a homeroom.
 */
function attendanceEvents(ctx, table, schoolYear, flags, prefix, homeroom) {
  const section = ["local_course_code", "school_id", "section_school_year", "section_identifier", "session_name", "student_unique_id"];
  const columns = Object.keys(flags).flatMap((name) => [
    `MAX(COALESCE(m.${name}, 0)) AS ${prefix}_${name}`,
    ...(homeroom ? [`MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.${name}, 0) ELSE 0 END) AS homeroom_${name}`] : []),
  ]);
  // The student's homeroom sections only (about one per student), a small table to look events up in.
  const homerooms = `(SELECT DISTINCT ${section.join(", ")} FROM ${source(ctx, "stg_student_section_associations")} AS a WHERE a.homeroom_indicator)`;
  return `(SELECT e.student_unique_id, e.school_id, e.event_date, e.${schoolYear} AS event_school_year, ${columns.join(", ")}
    FROM ${source(ctx, table)} AS e
    LEFT JOIN ${meanings(ctx, flags)} AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    ${homeroom ? `LEFT JOIN ${homerooms} AS h ON ${section.map((c) => `h.${c} = e.${c}`).join(" AND ")}` : ""}
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.${schoolYear})`;
}

/**
 * The enrolled calendar days up to the as-of date (spec §6.1, §7.1): one row per (student_unique_id,
 * school_id, date) for each date of the school's calendars (any calendar code or year) that has a
 * calendar event, within one of the student's enrollments at the school (exit date inclusive), with
 * the 0/1 flags is_instructional and, per DAY_FLAGS name, school_<name>, homeroom_<name> and
 * section_<name> of that day's events, as the bits of day_flags (read with dayFlag). An event counts for
 * an enrollment without school year or of the event's school year. Chrab, EWS and Equity read these
 * days from one table (ENROLLED_DAYS, below).
 */
// The attendance events enrolledDays reads, by alias: the flag columns each gives.
const DAY_EVENTS = {
  se: { table: "stg_student_school_attendance_events", schoolYear: "session_school_year", prefix: "school", homeroom: false, kinds: ["school"] },
  xe: { table: "stg_student_section_attendance_events", schoolYear: "section_school_year", prefix: "section", homeroom: true, kinds: ["homeroom", "section"] },
};
// The day flags of the collections that read the days: name → AttendanceEvent constant.
const DAY_FLAGS = {
  present: "AttendanceEvent.Present",
  absent: "AttendanceEvent.Absence",
  excused: "AttendanceEvent.ExcusedAbsence",
  unexcused: "AttendanceEvent.UnexcusedAbsence",
  tardy: "AttendanceEvent.Tardy",
};
const DAY_KINDS = { school: "school attendance events", homeroom: "section attendance events of a homeroom section", section: "section attendance events (any section)" };

function dayFlagColumns(alias) {
  return DAY_EVENTS[alias].kinds.flatMap((kind) => Object.keys(DAY_FLAGS).map((name) => `${kind}_${name}`));
}

// The enrolled days keep their 0/1 flags as the bits of one integer, day_flags, in this order: 16 columns of
// 20 million rows (100,000 students) cost 1.9 s more to write than the one (4.2-4.5 s against 2.6 s), and
// the readers take out the few they need. The events' flags are packed before they are joined to the
// days, so the join and the merges carry one column (the table's build: 4.5 s against 5.6-5.8 s).
const DAY_FLAG_BITS = ["is_instructional", ...Object.keys(DAY_EVENTS).flatMap(dayFlagColumns)];

/** 1 or 0: the flag `name` (is_instructional, school_present, homeroom_absent, …) of enrolled day `alias`. */
function dayFlag(alias, name) {
  const bit = DAY_FLAG_BITS.indexOf(name);
  if (bit < 0) throw new Error(`no enrolled-day flag named ${name} (the flags: ${DAY_FLAG_BITS.join(", ")})`);
  return `((${alias}.day_flags >> ${bit}) & 1)`;
}

function enrolledDays(ctx) {
  const aliases = Object.keys(DAY_EVENTS);
  // An alias's flags as their bits of day_flags; then merged with BIT_OR, as MAX merges 0/1 columns.
  const packed = (alias) => dayFlagColumns(alias).map((c) => `(${c} << ${DAY_FLAG_BITS.indexOf(c)})`).join(" | ");
  // Events per day and year (year_key), and per day over every year (year_key -1, for enrollments
  // without a school year): a day of an enrollment matches at most one row, found by hash join (an OR
  // in the join condition would turn DuckDB's hash joins into nested loops).
  const events = (alias) => {
    const { table, schoolYear, prefix, homeroom } = DAY_EVENTS[alias];
    return `${alias}_by_year AS ${attendanceEvents(ctx, table, schoolYear, DAY_FLAGS, prefix, homeroom)},
${alias} AS (
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, ${packed(alias)} AS event_flags FROM ${alias}_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, BIT_OR(${packed(alias)}) AS event_flags
  FROM ${alias}_by_year GROUP BY student_unique_id, school_id, event_date
)`;
  };
  // Both kinds of events in one row per day and year_key, so that the days are joined once: DuckDB
  // builds such a join's hash table on the days (20 million rows for 100,000 students), and two joins
  // built it twice (100,000 students: 11.7 s before, 8.1 s now). Packed before the join, the flags
  // cross it as one column, not fifteen.
  const dayEvents = `day_events AS (
  SELECT student_unique_id, school_id, event_date, year_key, BIT_OR(event_flags) AS event_flags
  FROM (
    ${aliases.map((alias) => `SELECT student_unique_id, school_id, event_date, year_key, event_flags FROM ${alias}`).join("\n    UNION ALL\n    ")}
  ) AS ev
  GROUP BY student_unique_id, school_id, event_date, year_key
)`;
  // An enrollment overlapping another of the student at the school (rare) shares days with it: only
  // those days are merged by a GROUP BY, which over every day would cost more than the rest together.
  const enrollmentOrder = "PARTITION BY ssa.student_unique_id, ssa.school_id ORDER BY ssa.entry_date, ssa.exit_withdraw_date";
  const open = (date) => `COALESCE(${date}, DATE '9999-12-31')`;
  const days = (where) => `SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional | COALESCE(ev.event_flags, 0) AS day_flags
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= ${open("e.exit_withdraw_date")}
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE ${where}`;
  return `(WITH days AS (
  SELECT cd.school_id, cd.date, MAX(COALESCE(m.instructional, 0)) AS is_instructional
  FROM ${source(ctx, "stg_calendar_dates")} AS cd
  INNER JOIN ${source(ctx, "stg_calendar_dates__calendar_events")} AS ce ON ce.parent_id = cd.id AND ce.school_year = cd.school_year
  LEFT JOIN ${meanings(ctx, { instructional: "CalendarEvent.InstructionalDay" })} AS m ON m.DescriptorUri = ce.calendar_event_descriptor_uri
  WHERE cd.date <= ${d.asOfDate()}
  GROUP BY cd.school_id, cd.date
),
enrollments AS (
  SELECT ssa.student_unique_id, ssa.school_id, ssa.entry_date, ssa.exit_withdraw_date, ssa.school_year_type_school_year,
    CASE WHEN MAX(${open("ssa.exit_withdraw_date")}) OVER (${enrollmentOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) >= ssa.entry_date
      OR ${open("ssa.exit_withdraw_date")} >= MIN(ssa.entry_date) OVER (${enrollmentOrder} ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
      THEN 1 ELSE 0 END AS overlapping
  FROM ${source(ctx, "stg_student_school_associations")} AS ssa
  INNER JOIN ${source(ctx, "stg_students")} AS st ON st.student_unique_id = ssa.student_unique_id
),
${aliases.map(events).join(",\n")},
${dayEvents}
${days("e.overlapping = 0")}
UNION ALL
SELECT student_unique_id, school_id, date, BIT_OR(day_flags) AS day_flags
FROM (
  ${days("e.overlapping = 1")}
) AS shared
GROUP BY student_unique_id, school_id, date)`;
}

// The enrolled days are computed once per build into a table of schema INTERNAL (not part of the AMT
// contract): chrab and EWS are views over it, and Equity aggregates it. Rendering the contract's text
// keys for 20 million days cost more than computing the days (100,000 students: writing chrab's four
// key columns took 13 s of CPU, its six flags 1.5 s), and the two facts computed the same days twice.
const INTERNAL = "analytics_internal";
const ENROLLED_DAYS = "enrolled_days";

/** Whether a collection that reads the enrolled days is built. */
function enrolledDaysNeeded() {
  return ["chrab", "ews", "equity"].some(collectionEnabled);
}

/** Dataform config of the enrolled-days table. */
function enrolledDaysConfig() {
  const flags = {
    is_instructional: "an event of the date (any calendar of the school) is mapped to CalendarEvent.InstructionalDay",
    ...Object.fromEntries(
      Object.entries(DAY_KINDS).flatMap(([kind, events]) =>
        Object.entries(DAY_FLAGS).map(([name, constant]) => [`${kind}_${name}`, `the day's ${events} include a category mapped to ${constant}`]),
      ),
    ),
  };
  const bits = DAY_FLAG_BITS.map((name, bit) => `bit ${bit} ${name} (${flags[name]})`);
  return {
    type: "table",
    schema: INTERNAL,
    tags: ["amt"],
    description: "Enrolled calendar days up to the as-of date with their attendance flags (AMT-SPEC §6.1, §7.1), which the chrab and EWS views and equity_StudentHistoryDim read. Not part of the AMT contract.",
    columns: {
      student_unique_id: "Student of the enrollment.",
      school_id: "School of the enrollment and calendar.",
      date: "Calendar date with a calendar event, within an enrollment (exit date included), up to the as-of date.",
      day_flags: `The day's flags, each a bit set when it holds: ${bits.join("; ")}.`,
    },
    assertions: { uniqueKey: ["student_unique_id", "school_id", "date"], nonNull: ["student_unique_id", "school_id", "date"] },
  };
}

/**
 * Publishes collection model `name` reading the enrolled days (`query(ctx, days)`, days a relation):
 * built over the enrolled-days table, and as `<name>__definition`, a never-built view over the days'
 * own query, which the model's unit test runs from staging rows (the days' rules are the hard part).
 */
function publishOverEnrolledDays(name, type, query) {
  publish(name, { ...collectionConfig(name), type }).query((ctx) => query(ctx, ctx.ref(INTERNAL, ENROLLED_DAYS)));
  publish(staging.definitionName(name), {
    type: "view",
    schema: views[name].schema || ANALYTICS,
    disabled: true,
    tags: ["amt", `amt_${views[name].collection}`],
    description: `The query of ${name} with the enrolled days computed in place, for its unit test; never built.`,
  }).query((ctx) => query(ctx, enrolledDays(ctx)));
}

/**
 * Grades whose grade type is mapped to one of `constants` (spec §7.2), with their grading period's
 * begin date (`grading_period_begin_date`) and the value NumericGradeEarned takes (`grade_value`):
 * numericGradeEarned, else the letter's translation (upper case, trailing blanks ignored), else 0
 * (`grade_value_fallback`). A grade names its grading period by period sequence (DS 4) or by name (DS 5).
 */
function gradesOfTypes(ctx, constants) {
  const types = constants.map((c) => `g.grade_type_descriptor_uri IN ${mappedUris(ctx, c)}`).join(" OR ");
  return `(SELECT g.*, gp.begin_date AS grading_period_begin_date, COALESCE(g.numeric_grade_earned, t.NumericGrade, 0) AS grade_value,
    COALESCE(g.numeric_grade_earned, t.NumericGrade) IS NULL AS grade_value_fallback
  FROM ${source(ctx, "stg_grades")} AS g
  INNER JOIN ${source(ctx, "stg_students")} AS st ON st.student_unique_id = g.student_unique_id
  INNER JOIN ${source(ctx, "stg_grading_periods")} AS gp
    ON gp.grading_period_descriptor_uri = g.grading_period_descriptor_uri AND gp.school_id = g.school_id
    AND gp.school_year_type_school_year = g.grading_period_school_year
    AND COALESCE(gp.grading_period_name = g.grading_period_name, gp.period_sequence = g.period_sequence)
  LEFT JOIN ${ctx.ref(CONFIG, "ews_LetterGradeTranslation")} AS t ON t.LetterGrade = UPPER(RTRIM(g.letter_grade_earned))
  WHERE ${types})`;
}

/** Current enrollments (spec §2.5) of the students of `alias`.student_unique_id, as a join clause. */
function currentEnrollments(ctx, alias) {
  return `INNER JOIN ${source(ctx, "stg_students")} AS st ON st.student_unique_id = ${alias}.student_unique_id
INNER JOIN ${source(ctx, "stg_student_school_associations")} AS ssa ON ssa.student_unique_id = ${alias}.student_unique_id AND ${isCurrent("ssa.exit_withdraw_date")}`;
}

/** LEFT JOIN of the child collection `table` of the records of `parent`, as `alias` (the asmt cross products). */
function childJoin(ctx, table, alias, parent) {
  return `LEFT JOIN ${source(ctx, table)} AS ${alias} ON ${alias}.parent_id = ${parent}.id AND ${alias}.school_year = ${parent}.school_year`;
}

/** LEFT JOIN of the descriptor resource `name` on `uri`, as `alias` (for its description). */
function descriptorJoin(ctx, name, alias, uri) {
  return `LEFT JOIN ${descriptors(ctx, name)} AS ${alias} ON ${alias}.uri = ${uri}`;
}

module.exports = {
  ANALYTICS,
  CONFIG,
  COLLECTIONS,
  collectionEnabled,
  views,
  source,
  parentOf,
  k,
  shape,
  config,
  isCurrent,
  mappedUris,
  SCHOOL_INDICATORS,
  DISTRICT_INDICATORS,
  seoaWithIndicators,
  studentSchools,
  descriptors,
  asTimestamp,
  addresses,
  courseSubjects,
  seoaDemographics,
  constantsQuery,
  rulesQuery,
  knownDescriptorSources,
  resolvedMapQuery,
  unmatchedRulesQuery,
  viewEnabled,
  collectionConfig,
  letterGradesQuery,
  meanings,
  enrolledDays,
  dayFlag,
  INTERNAL,
  ENROLLED_DAYS,
  enrolledDaysNeeded,
  enrolledDaysConfig,
  publishOverEnrolledDays,
  definitionName: staging.definitionName,
  gradesOfTypes,
  currentEnrollments,
  childJoin,
  descriptorJoin,
};

// ---- RLS and Chrab helpers ----
/** Descriptor URIs and the constants of `constants` they are mapped to (spec §2.4), as a subquery. */
function mappedTo(ctx, constants) {
  return `(SELECT DescriptorUri, ConstantName FROM ${ctx.ref(CONFIG, "DescriptorMap")} WHERE ConstantName IN (${constants.map(d.quote).join(", ")}))`;
}

// Section reference columns of the staging tables that reference a section; stg_sections names its year
// course_offering_school_year.
const SECTION_REFERENCE = ["school_id", "local_course_code", "section_school_year", "section_identifier", "session_name"];

/** Join condition: `a` (a section reference) and `b` (a section reference, or a section) are the same section. */
function sameSection(a, b, { bIsSection = false } = {}) {
  return SECTION_REFERENCE.map((c) => `${a}.${c} = ${b}.${bIsSection && c === "section_school_year" ? "course_offering_school_year" : c}`).join(" AND ");
}

const SCOPES = ["AuthorizationScope.District", "AuthorizationScope.School", "AuthorizationScope.Section"];

/**
 * Staff education organization assignments whose classification is mapped to an authorization scope
 * (spec §5): (staff_unique_id, education_organization_id, scope), for those with `endRule(end_date)`.
 */
function scopedAssignments(ctx, endRule) {
  return `(SELECT sa.staff_unique_id, sa.education_organization_id, m.ConstantName AS scope
    FROM ${source(ctx, "stg_staff_education_organization_assignment_associations")} AS sa
    INNER JOIN ${mappedTo(ctx, SCOPES)} AS m ON m.DescriptorUri = sa.staff_classification_descriptor_uri
    WHERE ${endRule("sa.end_date")})`;
}

Object.assign(module.exports, { mappedTo, SCOPES, sameSection, scopedAssignments });
