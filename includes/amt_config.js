// AMT descriptor constants and their default mappings (AMT-SPEC §12.1), code-owned, merged with the
// district override (includes/descriptor_map.js) into the mapping rules that analytics_config holds.
const district = require("./descriptor_map");

// [ConstantName, DescriptorType (API resource), Collection, default code values, namespace pattern].
// Engage constants are left out (Engage is not built); Foodservice.FullPrice is a constant without
// default mapping in DS 3.1–4.0 and is read by no view (§12.1 note 7).
const GRADE_TYPE_NAMESPACE = "%/GradeTypeDescriptor";
const CONSTANTS = [
  ["Address.Home", "addressTypeDescriptors", "Base", ["Home"]],
  ["Address.Physical", "addressTypeDescriptors", "Base", ["Physical"]],
  ["Address.Mailing", "addressTypeDescriptors", "Base", ["Mailing"]],
  ["Address.Work", "addressTypeDescriptors", "Base", ["Work"]],
  ["Address.Temporary", "addressTypeDescriptors", "Base", ["Temporary"]],
  ["Telephone.Home", "telephoneNumberTypeDescriptors", "Base", ["Home"]],
  ["Telephone.Mobile", "telephoneNumberTypeDescriptors", "Base", ["Mobile"]],
  ["Telephone.Work", "telephoneNumberTypeDescriptors", "Base", ["Work"]],
  ["Email.Personal", "electronicMailTypeDescriptors", "Base", ["Home/Personal", "Home"]],
  ["Email.Work", "electronicMailTypeDescriptors", "Base", ["Work"]],
  ["AttendanceEvent.Present", "attendanceEventCategoryDescriptors", "Chrab, EWS", ["In Attendance"]],
  ["AttendanceEvent.Absence", "attendanceEventCategoryDescriptors", "Chrab", ["Excused Absence", "Unexcused Absence"]],
  ["AttendanceEvent.ExcusedAbsence", "attendanceEventCategoryDescriptors", "Chrab, EWS", ["Excused Absence"]],
  ["AttendanceEvent.UnexcusedAbsence", "attendanceEventCategoryDescriptors", "Chrab, EWS", ["Unexcused Absence"]],
  ["AttendanceEvent.Tardy", "attendanceEventCategoryDescriptors", "Chrab, EWS", ["Tardy"]],
  ["CalendarEvent.InstructionalDay", "calendarEventDescriptors", "Chrab, EWS", ["Instructional day", "Make-up day"]],
  ["Behavior.StateOffense", "behaviorDescriptors", "EWS", ["State Offense"]],
  ["Behavior.SchoolCodeOfConductOffense", "behaviorDescriptors", "EWS", ["School Code of Conduct"]],
  ["GradeType.GradingPeriod", "gradeTypeDescriptors", "EWS", ["Grading Period"]],
  ["GradeType.Semester", "gradeTypeDescriptors", "EWS", ["Semester"], GRADE_TYPE_NAMESPACE],
  ["GradeType.Final", "gradeTypeDescriptors", "EWS", ["Final"], GRADE_TYPE_NAMESPACE],
  ["AuthorizationScope.District", "staffClassificationDescriptors", "RLS", ["Superintendent"]],
  ["AuthorizationScope.School", "staffClassificationDescriptors", "RLS", ["Principal"]],
  ["AuthorizationScope.Section", "staffClassificationDescriptors", "RLS", ["Teacher"]],
].map(([name, type, collection, codes, namespace]) => ({ name, type, collection, codes, namespace: namespace || null }));

const byName = Object.fromEntries(CONSTANTS.map((c) => [c.name, c]));

function checkDistrictRow(row) {
  if (!row || typeof row !== "object") throw new Error(`includes/descriptor_map.js: each row must be an object { ConstantName, DescriptorType, CodeValue }, got ${JSON.stringify(row)}`);
  const constant = byName[row.ConstantName];
  if (!constant) {
    // Name the constants of the same domain, e.g. the three AuthorizationScope.* scopes (spec §11.4).
    const domain = String(row.ConstantName).split(".")[0];
    const near = CONSTANTS.filter((c) => c.name.startsWith(`${domain}.`)).map((c) => c.name);
    throw new Error(`includes/descriptor_map.js: unknown constant ${row.ConstantName}${near.length ? ` (known: ${near.join(", ")})` : ""}`);
  }
  if (row.DescriptorType !== constant.type) {
    throw new Error(`includes/descriptor_map.js: ${row.ConstantName} maps ${constant.type}, not ${row.DescriptorType}`);
  }
  if (typeof row.CodeValue !== "string") throw new Error(`includes/descriptor_map.js: ${row.ConstantName} needs a CodeValue string`);
}

/** The mapping rules: defaults, except for constants the district file lists, whose rows replace them. */
function mappingRules(overrides = district) {
  if (!Array.isArray(overrides)) throw new Error("includes/descriptor_map.js must export an array of mapping rows");
  overrides.forEach(checkDistrictRow);
  const overridden = new Set(overrides.map((r) => r.ConstantName));
  const defaults = CONSTANTS.filter((c) => !overridden.has(c.name)).flatMap((c) =>
    c.codes.map((code) => ({ ConstantName: c.name, DescriptorType: c.type, CodeValue: code, NamespacePattern: c.namespace, Origin: "default" })),
  );
  const fromDistrict = overrides.map((r) => ({ ...r, NamespacePattern: r.NamespacePattern || null, Origin: "district" }));
  return [...defaults, ...fromDistrict];
}

module.exports = { CONSTANTS, mappingRules };

// ---- EWS letter-grade translation (AMT-SPEC §11.3, §12.3) ----
const districtLetterGrades = require("./letter_grade_translation");

const DEFAULT_LETTER_GRADES = [
  { LetterGrade: "A", NumericGrade: 95 },
  { LetterGrade: "B", NumericGrade: 85 },
  { LetterGrade: "C", NumericGrade: 75 },
  { LetterGrade: "D", NumericGrade: 65 },
  { LetterGrade: "F", NumericGrade: 55 },
];

/** A district row, checked and normalized: letters are stored upper-case without trailing blanks, as matched. */
function checkLetterGrade(row) {
  const where = `includes/letter_grade_translation.js: ${JSON.stringify(row)}`;
  if (typeof row.LetterGrade !== "string" || !row.LetterGrade.trim() || row.LetterGrade.trimEnd().length > 20) throw new Error(`${where}: LetterGrade must be a non-blank string of at most 20 characters`);
  // DECIMAL(9,2): at most 7 integer digits and 2 decimals.
  if (typeof row.NumericGrade !== "number" || !/^-?\d{1,7}(\.\d{1,2})?$/.test(String(row.NumericGrade))) throw new Error(`${where}: NumericGrade must be a number with at most 7 integer digits and 2 decimals`);
  return { LetterGrade: row.LetterGrade.trimEnd().toUpperCase(), NumericGrade: row.NumericGrade };
}

/** The translation table: the district's rows when it has any (they replace the whole table), else the defaults. */
function letterGrades(overrides = districtLetterGrades) {
  if (!Array.isArray(overrides)) throw new Error("includes/letter_grade_translation.js must export an array of { LetterGrade, NumericGrade }");
  const rows = overrides.length ? overrides.map(checkLetterGrade) : DEFAULT_LETTER_GRADES;
  const seen = new Set();
  rows.forEach((r) => {
    if (seen.has(r.LetterGrade)) throw new Error(`includes/letter_grade_translation.js: letter grade ${r.LetterGrade} is listed twice`);
    seen.add(r.LetterGrade);
  });
  return rows;
}

Object.assign(module.exports, { DEFAULT_LETTER_GRADES, letterGrades });
