// Dataform unit test(s) of AMT analytics_config (AMT-SPEC §2.4, §11.2); rows are written with includes/amt_tests.js.
const { rows, none, declareTest: declare } = amt_tests;

// Mapping rules resolved against the known descriptors: case-insensitive code values with trailing
// blanks ignored, one descriptor under two constants, a URI seen only in a referencing resource, and a
// namespace pattern.
const knownInputs = Object.fromEntries(amt.knownDescriptorSources().map(([, table, column]) => [table, rows([], [column])]));
const rule = (ConstantName, DescriptorType, CodeValue, NamespacePattern) => ({ ConstantName, DescriptorType, CodeValue, NamespacePattern: NamespacePattern || none("STRING"), Origin: "default" });
declare(
  "test_DescriptorMap_resolution",
  "DescriptorMap",
  {
    ...knownInputs,
    DescriptorMapRule: rows([
      rule("Email.Personal", "electronicMailTypeDescriptors", "home"),
      rule("AttendanceEvent.Absence", "attendanceEventCategoryDescriptors", "Excused Absence"),
      rule("AttendanceEvent.ExcusedAbsence", "attendanceEventCategoryDescriptors", "Excused Absence"),
      rule("GradeType.Final", "gradeTypeDescriptors", "Final", "%/GradeTypeDescriptor"),
    ]),
    stg_electronic_mail_type_descriptors: rows([{ uri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home " }, { uri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Work" }]),
    stg_student_school_attendance_events: rows([{ attendance_event_category_descriptor_uri: "uri://d.org/AttendanceEventCategoryDescriptor#excused absence" }]),
    stg_grade_type_descriptors: rows([{ uri: "uri://ed-fi.org/GradeTypeDescriptor#Final" }, { uri: "uri://d.org/Other#Final" }]),
  },
  rows([
    { ConstantName: "Email.Personal", DescriptorType: "electronicMailTypeDescriptors", DescriptorUri: "uri://ed-fi.org/ElectronicMailTypeDescriptor#Home ", Namespace: "uri://ed-fi.org/ElectronicMailTypeDescriptor", CodeValue: "Home " },
    { ConstantName: "AttendanceEvent.Absence", DescriptorType: "attendanceEventCategoryDescriptors", DescriptorUri: "uri://d.org/AttendanceEventCategoryDescriptor#excused absence", Namespace: "uri://d.org/AttendanceEventCategoryDescriptor", CodeValue: "excused absence" },
    { ConstantName: "AttendanceEvent.ExcusedAbsence", DescriptorType: "attendanceEventCategoryDescriptors", DescriptorUri: "uri://d.org/AttendanceEventCategoryDescriptor#excused absence", Namespace: "uri://d.org/AttendanceEventCategoryDescriptor", CodeValue: "excused absence" },
    { ConstantName: "GradeType.Final", DescriptorType: "gradeTypeDescriptors", DescriptorUri: "uri://ed-fi.org/GradeTypeDescriptor#Final", Namespace: "uri://ed-fi.org/GradeTypeDescriptor", CodeValue: "Final" },
  ]),
);

// Rules to warn about: a district rule that maps nothing (a typo), even beside one that maps; a default
// rule only when its constant maps nothing at all; never a rule with an empty code value (unmapped on
// purpose). A code value matches case-insensitively without trailing blanks, and only in the rule's namespace.
const origin = (r, Origin) => ({ ...r, Origin });
const mapped = (ConstantName, DescriptorType, Namespace, CodeValue) => ({ ConstantName, DescriptorType, DescriptorUri: `${Namespace}#${CodeValue}`, Namespace, CodeValue });
declare(
  "test_DescriptorMapUnmatchedRule",
  "DescriptorMapUnmatchedRule",
  {
    DescriptorMapRule: rows([
      rule("Email.Personal", "electronicMailTypeDescriptors", "Home/Personal"),
      rule("Email.Personal", "electronicMailTypeDescriptors", "Home"),
      rule("Email.Work", "electronicMailTypeDescriptors", "Work"),
      origin(rule("AttendanceEvent.Absence", "attendanceEventCategoryDescriptors", "excused absence "), "district"),
      origin(rule("AttendanceEvent.Absence", "attendanceEventCategoryDescriptors", "Unexcused Absense"), "district"),
      origin(rule("AttendanceEvent.Tardy", "attendanceEventCategoryDescriptors", ""), "district"),
      origin(rule("GradeType.Final", "gradeTypeDescriptors", "Final", "%/GradeTypeDescriptor"), "district"),
    ]),
    DescriptorMap: rows([
      mapped("Email.Personal", "electronicMailTypeDescriptors", "uri://ed-fi.org/ElectronicMailTypeDescriptor", "Home/Personal"),
      mapped("AttendanceEvent.Absence", "attendanceEventCategoryDescriptors", "uri://ed-fi.org/AttendanceEventCategoryDescriptor", "Excused Absence"),
      mapped("GradeType.Final", "gradeTypeDescriptors", "uri://d.org/Other", "Final"),
    ]),
  },
  rows([
    { ConstantName: "Email.Work", DescriptorType: "electronicMailTypeDescriptors", CodeValue: "Work", NamespacePattern: none("STRING"), Origin: "default" },
    { ConstantName: "AttendanceEvent.Absence", DescriptorType: "attendanceEventCategoryDescriptors", CodeValue: "Unexcused Absense", NamespacePattern: none("STRING"), Origin: "district" },
    { ConstantName: "GradeType.Final", DescriptorType: "gradeTypeDescriptors", CodeValue: "Final", NamespacePattern: "%/GradeTypeDescriptor", Origin: "district" },
  ]),
);
